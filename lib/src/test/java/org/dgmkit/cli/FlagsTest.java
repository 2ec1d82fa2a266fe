package org.dgmkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FlagsTest {
    static final Set<String> VALUED = Set.of("--model", "--set", "--epochs", "--lr");

    @Test
    void values_switches_repeats_and_numbers() {
        Flags f = Flags.parse("x", List.of("--model", "vae", "--set", "a=1", "--fast", "--set", "b=2", "--epochs", "7",
                "--lr", "3e-4"), VALUED, Set.of("--fast"), "x --model M");
        assertEquals("vae", f.required("--model"));
        assertEquals(List.of("a=1", "b=2"), f.all("--set"));
        assertTrue(f.has("--fast"));
        assertEquals(7, f.getInt("--epochs", 1, 1));
        assertEquals(3e-4, f.getDouble("--lr", 0), 0);
        assertEquals(5, f.getInt("--missing", 5, 1));
        assertEquals("d", f.get("--missing", "d"));
    }

    @Test
    void bad_arguments_are_usage_errors_naming_the_command_and_argument() {
        UsageException e = assertThrows(UsageException.class, () -> Flags.parse("kpi-detect", List.of("--mode", "x"),
                VALUED, Set.of(), "usage line"));
        assertTrue(e.getMessage().startsWith("kpi-detect: unknown argument '--mode'") && e.getMessage().contains(
                "usage line"), e.getMessage());
        e = assertThrows(UsageException.class, () -> Flags.parse("x", List.of("--model"), VALUED, Set.of(), "u"));
        assertTrue(e.getMessage().contains("--model needs a value"), e.getMessage());
        Flags f = Flags.parse("x", List.of("--epochs", "0", "--lr", "fast"), VALUED, Set.of(), "u");
        e = assertThrows(UsageException.class, () -> f.getInt("--epochs", 1, 1));
        assertTrue(e.getMessage().contains("--epochs 0: expected an integer >= 1"), e.getMessage());
        e = assertThrows(UsageException.class, () -> f.getDouble("--lr", 1));
        assertTrue(e.getMessage().contains("--lr fast: expected a number"), e.getMessage());
        e = assertThrows(UsageException.class, () -> f.required("--model"));
        assertTrue(e.getMessage().contains("--model is required"), e.getMessage());
    }
}

package org.dgmkit.model.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dgmkit.cli.UsageException;
import org.junit.jupiter.api.Test;

/** The training and IW benchmarks: clear usage errors, and a RESULT line with every figure (not timed). */
class BenchmarksTest {

    private static String run(Runnable r) {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            r.run();
        } finally {
            System.setOut(old);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    @Test
    void usageErrorsNameTheProblem() {
        UsageException e = assertThrows(UsageException.class, () -> TrainBenchmark.run(List.of("--model", "gan")));
        assertTrue(e.getMessage().contains("vae|auxvae|adgm|sdgm|lvae"), e.getMessage());
        e = assertThrows(UsageException.class, () -> TrainBenchmark.run(List.of("--model", "vae", "--batch", "x")));
        assertTrue(e.getMessage().contains("--batch expects an integer"), e.getMessage());
        assertThrows(UsageException.class, () -> TrainBenchmark.run(List.of("--batch", "10")));
        e = assertThrows(UsageException.class, () -> TrainBenchmark.run(List.of("--model", "vae", "--halves", "2")));
        assertTrue(e.getMessage().contains("--halves expects on or off"), e.getMessage());
        e = assertThrows(UsageException.class, () -> EvalBenchmark.run(List.of("--k", "0")));
        assertTrue(e.getMessage().contains("--k expects a positive integer"), e.getMessage());
        assertThrows(UsageException.class, () -> EvalBenchmark.run(List.of("--model", "adgm")));
    }

    @Test
    void trainBenchmarkPrintsProfileRooflineAndResult() {
        String out = run(() -> assertEquals(0, TrainBenchmark.run(List.of("--model", "vae", "--batch", "20", "--seconds",
                "0.2"))));
        assertTrue(out.contains("profile (20 steps, ms per step)"), out);
        assertTrue(out.contains("roofline: the step's 20 products"), out);
        // the slowest products, each with its calls per step and its speed in the step and alone
        Matcher slow = Pattern.compile("  \\[20 x 784\\] x \\[784 x 512\\] \\(OpenBLAS\\) 1 per step: [0-9.]+ ms, "
                + "[0-9.]+ vs [0-9.]+ GFLOP/s").matcher(out);
        assertTrue(out.contains("products taking the most time in the step") && slow.find(), out);
        Matcher m = Pattern.compile("RESULT train model=vae batch=20 samples_per_s=([0-9.]+) gflops=([0-9.]+) "
                + "gemm_gflops=([0-9.]+) roofline_gflops=([0-9.]+) roofline_fraction=([0-9.]+)").matcher(out);
        assertTrue(m.find(), out);
        assertTrue(Double.parseDouble(m.group(1)) > 0 && Double.parseDouble(m.group(4)) > 0);
        double fraction = Double.parseDouble(m.group(5));
        assertEquals(Double.parseDouble(m.group(3)) / Double.parseDouble(m.group(4)), fraction, 1e-3 + 1e-3 * fraction);
    }

    @Test
    void splitStepsProfileShowsTheWallTimeOfEachPart() {
        int minRows = org.dgmkit.model.nn.HalfBatch.minRows();
        org.dgmkit.model.nn.HalfBatch.setMinRows(4);
        String out;
        try {
            out = run(() -> assertEquals(0, TrainBenchmark.run(List.of("--model", "vae", "--batch", "20", "--seconds",
                    "0.2", "--halves", "on"))));
        } finally {
            org.dgmkit.model.nn.HalfBatch.setMinRows(minRows);
        }
        Matcher m = Pattern.compile("profile \\(20 steps, ms per step, wall\\): total ([0-9.]+) \\| both halves at once "
                + "([0-9.]+) \\(in them, both threads added up: matrix products ([0-9.]+) in 40 calls .* \\| merging the "
                + "halves' gradients ([0-9.]+) \\| optimiser ([0-9.]+) .*\\| rest \\(noise, ND4J ops, Java\\) (-?[0-9.]+)")
                .matcher(out);
        assertTrue(m.find(), out);
        double total = Double.parseDouble(m.group(1));
        double halves = Double.parseDouble(m.group(2));
        assertTrue(halves > 0 && halves < total, out);
        assertTrue(Double.parseDouble(m.group(3)) > 0, out);
        // the halves' gradients are added inside Adam's pass (ParameterSpace.deferReplicaMerge): no merge pass apart
        assertEquals(0.0, Double.parseDouble(m.group(4)), 0.0, out);
        // the parts of the wall time add up to the total (each printed to 0.01 ms)
        double parts = halves + Double.parseDouble(m.group(4)) + Double.parseDouble(m.group(5))
                + Double.parseDouble(m.group(6));
        assertEquals(total, parts, 0.03, out);
    }

    @Test
    void evalBenchmarkReportsImagesTimesSamplesPerSecond() {
        String out = run(() -> assertEquals(0, EvalBenchmark.run(List.of("--model", "lvae", "--images", "30", "--k", "7",
                "--batch", "50"))));
        Matcher m = Pattern.compile("RESULT eval model=lvae images=30 k=7 images_k_per_s=([0-9.]+) seconds=([0-9.]+) "
                + "iw=(-[0-9.]+)").matcher(out);
        assertTrue(m.find(), out);
        // the printed seconds are rounded to 1e-4 s: allow the rate that rounding moves
        double seconds = Double.parseDouble(m.group(2));
        double rate = Double.parseDouble(m.group(1));
        assertEquals(30 * 7 / seconds, rate, 0.01 * rate + 30 * 7 * 0.5e-4 / (seconds * seconds) + 0.1);
    }
}

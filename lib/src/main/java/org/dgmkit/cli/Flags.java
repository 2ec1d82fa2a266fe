package org.dgmkit.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code --flag value} and {@code --switch} arguments of one {@code kit} command, checked once: an unknown
 * argument, a flag without its value, or a value that is not the number asked for is a {@link UsageException} that
 * names the command, the argument and the usage. Flags may repeat ({@link #all}: {@code --set}, {@code --csv}); the
 * last value wins for {@link #get}.
 */
public final class Flags {
    private final String command;
    private final String usage;
    private final Map<String, List<String>> values = new LinkedHashMap<>();
    private final List<String> switches = new ArrayList<>();

    private Flags(String command, String usage) {
        this.command = command;
        this.usage = usage;
    }

    /**
     * Parses {@code args}.
     *
     * @param command  the command's name (for messages)
     * @param valued   flags that take a value
     * @param switches flags that stand alone
     * @param usage    the command's usage line
     */
    public static Flags parse(String command, List<String> args, Set<String> valued, Set<String> switches,
                              String usage) {
        Flags f = new Flags(command, usage);
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (switches.contains(a)) {
                f.switches.add(a);
            } else if (valued.contains(a)) {
                if (i + 1 >= args.size()) {
                    throw new UsageException(command + ": " + a + " needs a value; usage: " + usage);
                }
                f.values.computeIfAbsent(a, k -> new ArrayList<>()).add(args.get(++i));
            } else {
                throw new UsageException(command + ": unknown argument '" + a + "'; usage: " + usage);
            }
        }
        return f;
    }

    /** Whether a switch was given. */
    public boolean has(String flag) {
        return switches.contains(flag);
    }

    /** The flag's (last) value, or {@code fallback}. */
    public String get(String flag, String fallback) {
        List<String> v = values.get(flag);
        return v == null ? fallback : v.get(v.size() - 1);
    }

    /** The flag's value; fails naming it when missing. */
    public String required(String flag) {
        String v = get(flag, null);
        if (v == null) {
            throw new UsageException(command + ": " + flag + " is required; usage: " + usage);
        }
        return v;
    }

    /** Every value of a repeatable flag, in order. */
    public List<String> all(String flag) {
        return List.copyOf(values.getOrDefault(flag, List.of()));
    }

    /** The flag's value as an integer of at least {@code min}, or {@code fallback}. */
    public int getInt(String flag, int fallback, int min) {
        String v = get(flag, null);
        if (v == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n >= min) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // falls through to the usage error
        }
        throw new UsageException(command + ": " + flag + " " + v + ": expected an integer >= " + min);
    }

    /** The flag's value as a finite number, or {@code fallback}. */
    public double getDouble(String flag, double fallback) {
        String v = get(flag, null);
        if (v == null) {
            return fallback;
        }
        try {
            double d = Double.parseDouble(v.trim());
            if (Double.isFinite(d)) {
                return d;
            }
        } catch (NumberFormatException ignored) {
            // falls through to the usage error
        }
        throw new UsageException(command + ": " + flag + " " + v + ": expected a number");
    }
}

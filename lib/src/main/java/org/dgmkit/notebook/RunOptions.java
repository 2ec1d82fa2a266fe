package org.dgmkit.notebook;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dgmkit.cli.UsageException;

/** The parsed flags of {@code ./kit run}. */
record RunOptions(boolean quick, String engine, Map<String, String> parameters, Path out, String heap,
        boolean logOutput, List<String> notebooks) {

    static RunOptions parse(List<String> args) {
        boolean quick = false;
        String engine = "jshell";
        Map<String, String> parameters = new LinkedHashMap<>();
        Path out = null;
        String heap = "8g";
        boolean logOutput = false;
        List<String> notebooks = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--quick" -> quick = true;
                case "--log-output" -> logOutput = true;
                case "--engine" -> {
                    engine = value(args, ++i, arg);
                    if (!engine.equals("jshell") && !engine.equals("jupyter")) {
                        throw new UsageException("--engine must be jshell or jupyter, not '" + engine + "'");
                    }
                }
                case "-p", "--parameter" -> {
                    String name = value(args, ++i, arg);
                    String value = value(args, ++i, arg + " " + name);
                    if (!name.matches("[A-Za-z_$][\\w$]*")) {
                        throw new UsageException("-p needs a Java variable name, not '" + name + "'");
                    }
                    parameters.put(name, value);
                }
                case "--out" -> out = Path.of(value(args, ++i, arg));
                case "--heap" -> {
                    heap = value(args, ++i, arg);
                    if (!heap.matches("\\d+[kKmMgG]?")) {
                        throw new UsageException("--heap takes a JVM size such as 8g or 4096m, not '" + heap + "'");
                    }
                }
                default -> {
                    if (arg.startsWith("-")) {
                        throw new UsageException("unknown option '" + arg + "' for run");
                    }
                    notebooks.add(arg);
                }
            }
        }
        return new RunOptions(quick, engine, parameters, out, heap, logOutput, notebooks);
    }

    private static String value(List<String> args, int i, String flag) {
        if (i >= args.size()) {
            throw new UsageException(flag + " needs a value");
        }
        return args.get(i);
    }
}

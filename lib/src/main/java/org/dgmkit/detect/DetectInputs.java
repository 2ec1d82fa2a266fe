package org.dgmkit.detect;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.dgmkit.cli.KitException;

/**
 * The files behind {@code kit detect}'s {@code --csv} arguments, each with a name for its outputs: a file as it is, a
 * folder as every {@code *.csv} under it (in path order; named by their path inside the folder, {@code /} as
 * {@code _}), a glob ({@code data/*.csv}, {@code 'logs/**.csv'}) as the files it matches. A name met twice gets
 * {@code -2}, {@code -3}. An argument that matches nothing fails naming it.
 */
public final class DetectInputs {
    private DetectInputs() {
    }

    /** One input file and the stem of its outputs. */
    public record Input(Path file, String name) { }

    /** The files of the arguments, in argument order. */
    public static List<Input> expand(List<String> args) {
        Map<String, Path> out = new LinkedHashMap<>();
        for (String a : args) {
            if (a.equals("-")) {
                throw new KitException("--csv -: standard input cannot be combined with files; give it alone");
            }
            for (Map.Entry<String, Path> e : one(a).entrySet()) {
                String name = e.getKey();
                for (int k = 2; out.containsKey(name); k++) {
                    name = e.getKey() + "-" + k;
                }
                out.put(name, e.getValue());
            }
        }
        List<Input> list = new ArrayList<>();
        out.forEach((n, p) -> list.add(new Input(p, n)));
        return list;
    }

    private static Map<String, Path> one(String arg) {
        Map<String, Path> out = new LinkedHashMap<>();
        Path p = Path.of(arg);
        if (Files.isDirectory(p)) {
            for (Path f : csvFiles(p)) {
                out.put(stem(p.relativize(f).toString().replace('\\', '/').replace('/', '_')), f);
            }
            if (out.isEmpty()) {
                throw new KitException(arg + ": a folder without .csv files");
            }
            return out;
        }
        if (Files.isRegularFile(p)) {
            out.put(stem(p.getFileName().toString()), p);
            return out;
        }
        if (arg.indexOf('*') >= 0 || arg.indexOf('?') >= 0 || arg.indexOf('[') >= 0) {
            Path base = globBase(arg);
            PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + arg.replace('\\', '/'));
            try (Stream<Path> walk = Files.walk(base)) {
                for (Path f : walk.filter(Files::isRegularFile).sorted().toList()) {
                    Path rel = base.equals(Path.of(".")) ? base.relativize(f) : f;
                    if (m.matches(rel) || m.matches(f)) {
                        out.put(stem(f.getFileName().toString()), f);
                    }
                }
            } catch (IOException e) {
                throw new KitException(arg + ": cannot list " + base + ": " + e.getMessage(), e);
            }
            if (out.isEmpty()) {
                throw new KitException(arg + ": no file matches this pattern");
            }
            return out;
        }
        throw new KitException(arg + ": no such file or folder; expected a CSV file, a folder of them, a glob such as "
                + "'data/*.csv', or - for standard input");
    }

    private static List<Path> csvFiles(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile)
                    .filter(f -> f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv"))
                    .filter(f -> !f.getFileName().toString().startsWith("."))
                    .sorted().toList();
        } catch (IOException e) {
            throw new KitException(dir + ": cannot list the folder: " + e.getMessage(), e);
        }
    }

    /** The longest leading part of a glob without wildcards: where to start looking. */
    private static Path globBase(String glob) {
        String[] parts = glob.replace('\\', '/').split("/");
        StringBuilder b = new StringBuilder();
        for (String part : parts) {
            if (part.indexOf('*') >= 0 || part.indexOf('?') >= 0 || part.indexOf('[') >= 0) {
                break;
            }
            b.append(part).append('/');
        }
        String base = b.toString();
        if (base.isEmpty()) {
            return Path.of(".");
        }
        Path p = Path.of(base.equals("/") ? "/" : base.substring(0, base.length() - 1));
        return Files.isDirectory(p) ? p : Path.of(".");
    }

    private static String stem(String fileName) {
        return fileName.toLowerCase(Locale.ROOT).endsWith(".csv") ? fileName.substring(0, fileName.length() - 4)
                : fileName;
    }
}

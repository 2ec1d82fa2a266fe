package org.dgmkit.detect;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.dgmkit.cli.KitException;

/**
 * The files behind {@code kit detect}'s {@code --csv} arguments, each with a name for its outputs: a file as it is, a
 * folder as every {@code *.csv} under it (in path order; named by their path inside the folder, {@code /} as
 * {@code _}), a glob ({@code data/*.csv}, {@code 'logs/**.csv'}) as the files it matches (named by their path below
 * the glob's fixed leading folders, the same way). A name met twice, or one of the report's own files
 * ({@link #REPORT_NAMES}), gets {@code -2}, {@code -3}. An argument that matches nothing fails naming it.
 */
public final class DetectInputs {
    private DetectInputs() {
    }

    /** One input file and the stem of its outputs. */
    public record Input(Path file, String name) { }

    /** The stems of the files a folder run writes beside the series' own ({@link DetectReport}). */
    static final Set<String> REPORT_NAMES = Set.of("summary", "metrics", "index");

    /** The files of the arguments, in argument order. */
    public static List<Input> expand(List<String> args) {
        Set<String> taken = new HashSet<>(REPORT_NAMES);
        List<Input> list = new ArrayList<>();
        for (String a : args) {
            if (a.equals("-")) {
                throw new KitException("--csv -: standard input cannot be combined with files; give it alone");
            }
            for (Input in : one(a)) {
                String name = in.name();
                for (int k = 2; taken.contains(name.toLowerCase(Locale.ROOT)); k++) {
                    name = in.name() + "-" + k;
                }
                taken.add(name.toLowerCase(Locale.ROOT)); // case-insensitive file systems would merge the outputs
                list.add(new Input(in.file(), name));
            }
        }
        return list;
    }

    private static List<Input> one(String arg) {
        List<Input> out = new ArrayList<>();
        Path p = Path.of(arg);
        if (Files.isDirectory(p)) {
            for (Path f : csvFiles(p)) {
                out.add(new Input(f, nameBelow(p, f)));
            }
            if (out.isEmpty()) {
                throw new KitException(arg + ": a folder without .csv files");
            }
            return out;
        }
        if (Files.isRegularFile(p)) {
            out.add(new Input(p, stem(p.getFileName().toString())));
            return out;
        }
        if (arg.indexOf('*') >= 0 || arg.indexOf('?') >= 0 || arg.indexOf('[') >= 0) {
            Path base = globBase(arg);
            PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + arg.replace('\\', '/'));
            try (Stream<Path> walk = Files.walk(base)) {
                for (Path f : walk.filter(Files::isRegularFile).sorted().toList()) {
                    Path rel = base.equals(Path.of(".")) ? base.relativize(f) : f;
                    if (m.matches(rel) || m.matches(f)) {
                        out.add(new Input(f, nameBelow(base, f)));
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

    /** A file's name for its outputs: its path below {@code base}, {@code /} as {@code _}, without {@code .csv}. */
    private static String nameBelow(Path base, Path f) {
        return stem(base.relativize(f).toString().replace('\\', '/').replace('/', '_'));
    }

    private static String stem(String fileName) {
        return fileName.toLowerCase(Locale.ROOT).endsWith(".csv") ? fileName.substring(0, fileName.length() - 4)
                : fileName;
    }
}

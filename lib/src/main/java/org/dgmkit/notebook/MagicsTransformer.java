package org.dgmkit.notebook;

import io.github.spencerpark.jupyter.kernel.magic.CellMagicParseContext;
import io.github.spencerpark.jupyter.kernel.magic.LineMagicParseContext;
import io.github.spencerpark.jupyter.kernel.magic.MagicParser;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Rewrites magics into Java as IJava 1.3.0 does before evaluating a cell: {@code %%name args} on the first line
 * makes the whole cell {@code cellMagic(...)}; a {@code %name args} at a line start or after {@code =} becomes
 * {@code lineMagic(...);{};} (the empty block keeps the magic's return value from becoming the cell's result).
 * Arguments are split by jupyter-jvm-basekernel's own parser and passed Base64-encoded.
 */
final class MagicsTransformer {
    private static final Pattern UNESCAPED_QUOTE = Pattern.compile("(?<!\\\\)\"");

    private final MagicParser parser = new MagicParser("(?<=(?:^|=))\\s*%", "%%");

    /** The cell's source with magics replaced by calls (unchanged if it has none). */
    String transform(String source) {
        CellMagicParseContext cell = parser.parseCellMagic(source);
        if (cell != null) {
            return String.format("cellMagic(%s,List.of(%s),%s);{};",
                    literal(cell.getMagicCall().getName()),
                    cell.getMagicCall().getArgs().stream().map(MagicsTransformer::literal).collect(Collectors.joining(",")),
                    literal(cell.getMagicCall().getBody()));
        }
        return parser.transformLineMagics(source, this::lineMagic);
    }

    private String lineMagic(LineMagicParseContext ctx) {
        // a '%' inside a string literal on that line is not a magic
        boolean inString = false;
        Matcher quotes = UNESCAPED_QUOTE.matcher(ctx.getLinePrefix());
        while (quotes.find()) {
            inString = !inString;
        }
        if (inString) {
            return ctx.getRaw();
        }
        return String.format("lineMagic(%s,List.of(%s));{};",
                literal(ctx.getMagicCall().getName()),
                ctx.getMagicCall().getArgs().stream().map(MagicsTransformer::literal).collect(Collectors.joining(",")));
    }

    private static String literal(String text) {
        String encoded = Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
        return "new String(Base64.getDecoder().decode(\"" + encoded + "\"))";
    }
}

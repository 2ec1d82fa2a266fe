package org.dgmkit.plot;

import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/** Renders a Tablesaw table as a small HTML table (numbers right-aligned), for notebook display. */
public final class HtmlTable {

    private HtmlTable() {
    }

    /** The table as an HTML {@code <table>} with its name as caption. */
    public static String render(Table table) {
        StringBuilder sb = new StringBuilder("<table>");
        if (table.name() != null && !table.name().isBlank()) {
            sb.append("<caption>").append(escape(table.name())).append("</caption>");
        }
        sb.append("<thead><tr>");
        for (String name : table.columnNames()) {
            sb.append("<th>").append(escape(name)).append("</th>");
        }
        sb.append("</tr></thead><tbody>");
        for (int r = 0; r < table.rowCount(); r++) {
            sb.append("<tr>");
            for (Column<?> c : table.columns()) {
                boolean numeric = c.type().equals(tech.tablesaw.api.ColumnType.DOUBLE)
                        || c.type().equals(tech.tablesaw.api.ColumnType.INTEGER)
                        || c.type().equals(tech.tablesaw.api.ColumnType.LONG)
                        || c.type().equals(tech.tablesaw.api.ColumnType.FLOAT);
                sb.append(numeric ? "<td style=\"text-align:right\">" : "<td>")
                        .append(escape(c.getString(r))).append("</td>");
            }
            sb.append("</tr>");
        }
        return sb.append("</tbody></table>").toString();
    }

    /** {@code s} with &amp;, &lt;, &gt; and double quotes escaped for HTML text and attributes. */
    public static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}

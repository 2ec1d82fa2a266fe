package org.dgmkit.notebook;

import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dgmkit.cli.KitException;

/**
 * Papermill-style parameters for Java notebooks. The cell tagged {@code parameters} declares every tweakable value
 * ({@code int epochs = 10;}, {@code String noise = "gauss";}, {@code double[] levels = {0.1, 0.2};}); new values are
 * injected as a cell tagged {@code injected-parameters} right after it that re-declares them with the declared type
 * (a previous injected cell is replaced). Values are given as text and turned into Java literals by type.
 */
public final class NotebookParameters {
    /** Tag of the cell holding the declarations. */
    public static final String PARAMETERS_TAG = "parameters";
    /** Tag of the cell the runner inserts. */
    public static final String INJECTED_TAG = "injected-parameters";

    private static final Pattern DECLARATION = Pattern.compile(
            "(?:final\\s+)?(?<type>[A-Za-z_$][\\w$.]*(?:\\s*<[^=]*>)?(?:\\s*\\[\\s*])*)\\s+(?<name>[A-Za-z_$][\\w$]*)"
                    + "\\s*(?:=\\s*(?<init>.*))?", Pattern.DOTALL);
    private static final Pattern INTEGER = Pattern.compile("[-+]?(?:0[xX][0-9a-fA-F_]+|\\d[\\d_]*)");
    private static final Pattern DECIMAL = Pattern.compile(
            "[-+]?(?:\\d[\\d_]*\\.?\\d*(?:[eE][-+]?\\d+)?|\\.\\d+(?:[eE][-+]?\\d+)?)");

    /** One declaration of the parameters cell. */
    public record Declaration(String type, String name, String initializer) {
    }

    private NotebookParameters() {
    }

    /** Index of the cell tagged {@code parameters}, or -1. */
    public static int parametersCell(Notebook notebook) {
        for (int i = 0; i < notebook.size(); i++) {
            if (Notebook.tags(notebook.cell(i)).contains(PARAMETERS_TAG)) {
                return i;
            }
        }
        return -1;
    }

    /** The declarations of the notebook's parameters cell by name, in order (empty if it has none). */
    public static Map<String, Declaration> declarations(Notebook notebook) {
        int cell = parametersCell(notebook);
        return cell < 0 ? new LinkedHashMap<>() : declarations(Notebook.source(notebook.cell(cell)));
    }

    /** The variable declarations in Java source (statements that are not declarations are skipped). */
    public static Map<String, Declaration> declarations(String source) {
        Map<String, Declaration> declarations = new LinkedHashMap<>();
        for (String statement : statements(source)) {
            Matcher m = DECLARATION.matcher(statement);
            if (m.matches() && !m.group("type").equals("return")) {
                String type = m.group("type").replaceAll("\\s+", "");
                String init = m.group("init") == null ? null : m.group("init").trim();
                declarations.put(m.group("name"), new Declaration(type, m.group("name"), init));
            }
        }
        return declarations;
    }

    /**
     * Values from a quick.properties file for one notebook: {@code name=value} for every notebook declaring
     * {@code name}, {@code <stem>.name=value} for that notebook only (which must declare it).
     */
    public static Map<String, String> quickValues(Properties quick, String stem, Map<String, Declaration> declared,
            String notebookLabel) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String key : quick.stringPropertyNames()) {
            if (!key.contains(".") && declared.containsKey(key)) {
                values.put(key, quick.getProperty(key));
            }
        }
        String prefix = stem + ".";
        for (String key : quick.stringPropertyNames()) {
            if (key.startsWith(prefix)) {
                String name = key.substring(prefix.length());
                if (!declared.containsKey(name)) {
                    throw new KitException("quick.properties sets " + key + " but notebook " + notebookLabel
                            + " declares no parameter '" + name + "' in its cell tagged 'parameters'"
                            + known(declared));
                }
                values.put(name, quick.getProperty(key));
            }
        }
        return values;
    }

    /**
     * Inserts (or replaces) the injected-parameters cell after the parameters cell. Fails naming the notebook and
     * the parameter if a name is not declared or a value does not fit its type.
     */
    public static void inject(Notebook notebook, String notebookLabel, Map<String, String> values) {
        if (values.isEmpty()) {
            return;
        }
        int cell = parametersCell(notebook);
        Map<String, Declaration> declared = cell < 0 ? Map.of() : declarations(Notebook.source(notebook.cell(cell)));
        StringBuilder source = new StringBuilder("// Parameters injected by ./kit run\n");
        for (Map.Entry<String, String> value : values.entrySet()) {
            Declaration declaration = declared.get(value.getKey());
            if (declaration == null) {
                throw new KitException(undeclared(notebookLabel, value.getKey(), cell >= 0, declared));
            }
            source.append(assignment(declaration, value.getValue(), notebookLabel)).append('\n');
        }
        for (int i = notebook.size() - 1; i > cell; i--) {
            if (Notebook.tags(notebook.cell(i)).contains(INJECTED_TAG)) {
                notebook.remove(i);
            }
        }
        JsonObject injected = Notebook.codeCell(source.toString().stripTrailing(), List.of(INJECTED_TAG),
                notebook.usesCellIds());
        notebook.insert(cell + 1, injected);
    }

    /** The message for a parameter the notebook does not declare. */
    static String undeclared(String notebookLabel, String name, boolean hasCell, Map<String, Declaration> declared) {
        if (!hasCell) {
            return "notebook " + notebookLabel + " has no cell tagged 'parameters', so parameter '" + name
                    + "' cannot be set";
        }
        return "notebook " + notebookLabel + " declares no parameter '" + name
                + "' in its cell tagged 'parameters'" + known(declared);
    }

    private static String known(Map<String, Declaration> declared) {
        return declared.isEmpty() ? "" : " (declared: " + String.join(", ", declared.keySet()) + ")";
    }

    /** {@code <type> <name> = <literal>;} for a value given as text. */
    static String assignment(Declaration declaration, String value, String notebookLabel) {
        String type = declaration.type();
        if (type.equals("var")) {
            String init = declaration.initializer();
            type = init != null && init.startsWith("\"") ? "String" : null;
            if (type == null) {
                return "var " + declaration.name() + " = " + value.trim() + ";";
            }
            return "var " + declaration.name() + " = " + literal("String", value, declaration.name(), notebookLabel) + ";";
        }
        return type + " " + declaration.name() + " = " + literal(type, value, declaration.name(), notebookLabel) + ";";
    }

    private static String literal(String type, String value, String name, String notebookLabel) {
        if (type.endsWith("[]")) {
            String element = type.substring(0, type.length() - 2);
            StringBuilder array = new StringBuilder("new ").append(type).append("{");
            List<String> items = arrayItems(value);
            for (int i = 0; i < items.size(); i++) {
                array.append(i > 0 ? ", " : "").append(literal(element, items.get(i), name, notebookLabel));
            }
            return array.append("}").toString();
        }
        String v = value.trim();
        switch (type) {
            case "String", "java.lang.String", "CharSequence" -> {
                return quote(unquote(value));
            }
            case "char", "Character" -> {
                String c = v.length() == 3 && v.startsWith("'") && v.endsWith("'") ? v.substring(1, 2) : v;
                if (c.length() != 1) {
                    throw badValue(notebookLabel, name, type, value);
                }
                return c.equals("'") || c.equals("\\") ? "'\\" + c + "'" : "'" + c + "'";
            }
            case "boolean", "Boolean" -> {
                if (!v.equals("true") && !v.equals("false")) {
                    throw badValue(notebookLabel, name, type, value);
                }
                return v;
            }
            case "int", "Integer", "short", "Short", "byte", "Byte" -> {
                if (!INTEGER.matcher(v).matches()) {
                    throw badValue(notebookLabel, name, type, value);
                }
                return type.equalsIgnoreCase("short") ? "(short) " + v
                        : type.equalsIgnoreCase("byte") ? "(byte) " + v : v;
            }
            case "long", "Long" -> {
                String digits = v.endsWith("L") || v.endsWith("l") ? v.substring(0, v.length() - 1) : v;
                if (!INTEGER.matcher(digits).matches()) {
                    throw badValue(notebookLabel, name, type, value);
                }
                return digits + "L";
            }
            case "double", "Double", "float", "Float" -> {
                boolean isFloat = type.equalsIgnoreCase("float");
                String number = v.endsWith("d") || v.endsWith("D") || v.endsWith("f") || v.endsWith("F")
                        ? v.substring(0, v.length() - 1) : v;
                String box = isFloat ? "Float" : "Double";
                if (number.equals("NaN")) {
                    return box + ".NaN";
                } else if (number.matches("[+]?Infinity")) {
                    return box + ".POSITIVE_INFINITY";
                } else if (number.equals("-Infinity")) {
                    return box + ".NEGATIVE_INFINITY";
                } else if (!DECIMAL.matcher(number).matches()) {
                    throw badValue(notebookLabel, name, type, value);
                }
                return isFloat ? number + "f" : number;
            }
            default -> {
                return v; // any other type: the value is Java source (an enum constant, List.of(...), ...)
            }
        }
    }

    private static List<String> arrayItems(String value) {
        String v = value.trim();
        if ((v.startsWith("{") && v.endsWith("}")) || (v.startsWith("[") && v.endsWith("]"))) {
            v = v.substring(1, v.length() - 1);
        }
        List<String> items = new ArrayList<>();
        if (v.isBlank()) {
            return items;
        }
        StringBuilder item = new StringBuilder();
        boolean inString = false;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '"' && (i == 0 || v.charAt(i - 1) != '\\')) {
                inString = !inString;
            }
            if (c == ',' && !inString) {
                items.add(item.toString().trim());
                item.setLength(0);
            } else {
                item.append(c);
            }
        }
        items.add(item.toString().trim());
        return items;
    }

    private static String unquote(String value) {
        String v = value.trim();
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
            return v.substring(1, v.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
        }
        return value;
    }

    private static String quote(String text) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                case '\t' -> quoted.append("\\t");
                default -> quoted.append(c);
            }
        }
        return quoted.append('"').toString();
    }

    private static KitException badValue(String notebookLabel, String name, String type, String value) {
        return new KitException("notebook " + notebookLabel + ": parameter '" + name + "' is declared " + type
                + ", but the value '" + value + "' is not a valid " + type);
    }

    /** The statements of a source text: comments removed, split at top-level semicolons outside literals. */
    static List<String> statements(String source) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int depth = 0;
        for (int i = 0; i < source.length(); i++) {
            char c = source.charAt(i);
            if (c == '/' && i + 1 < source.length() && source.charAt(i + 1) == '/') {
                while (i < source.length() && source.charAt(i) != '\n') {
                    i++;
                }
                current.append('\n');
                continue;
            }
            if (c == '/' && i + 1 < source.length() && source.charAt(i + 1) == '*') {
                int end = source.indexOf("*/", i + 2);
                i = end < 0 ? source.length() : end + 1;
                current.append(' ');
                continue;
            }
            if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < source.length() && source.charAt(j) != c) {
                    j += source.charAt(j) == '\\' ? 2 : 1;
                }
                current.append(source, i, Math.min(j + 1, source.length()));
                i = j;
                continue;
            }
            if (c == '{' || c == '(' || c == '[') {
                depth++;
            } else if (c == '}' || c == ')' || c == ']') {
                depth--;
            }
            if (c == ';' && depth == 0) {
                if (!current.toString().isBlank()) {
                    statements.add(current.toString().trim());
                }
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        if (!current.toString().isBlank()) {
            statements.add(current.toString().trim());
        }
        return statements;
    }
}

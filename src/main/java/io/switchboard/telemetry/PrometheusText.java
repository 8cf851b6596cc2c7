package io.switchboard.telemetry;

import java.util.List;

/** Prometheus' text exposition format 0.0.4: headers, label sets and escaping. */
final class PrometheusText {
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private PrometheusText() {
    }

    static void header(StringBuilder out, String name, String help, String type) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    /** {@code {a="x",b="y"}}, with an optional extra label (a histogram's {@code le}). */
    static void labels(StringBuilder out, List<String> names, List<String> values, String extraName, String extraValue) {
        if (names.isEmpty() && extraName == null) {
            return;
        }
        out.append('{');
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(names.get(i)).append("=\"");
            escape(out, values.get(i));
            out.append('"');
        }
        if (extraName != null) {
            out.append(names.isEmpty() ? "" : ",").append(extraName).append("=\"").append(extraValue).append('"');
        }
        out.append('}');
    }

    private static void escape(StringBuilder out, String value) {
        if (value == null) {
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                case '\n' -> out.append("\\n");
                default -> out.append(c);
            }
        }
    }
}

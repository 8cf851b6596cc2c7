package io.switchboard.bench;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code --name value} command-line options, with defaults at the point of use. */
final class Options {
    private final Map<String, String> values;

    private Options(Map<String, String> values) {
        this.values = values;
    }

    static Options parse(String[] args) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("Expected --name, got " + args[i]);
            }
            String name = args[i].substring(2);
            boolean flag = i + 1 >= args.length || args[i + 1].startsWith("--");
            values.put(name, flag ? "true" : args[++i]);
        }
        return new Options(values);
    }

    String text(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    int integer(String name, int fallback) {
        return values.containsKey(name) ? Integer.parseInt(values.get(name)) : fallback;
    }

    double decimal(String name, double fallback) {
        return values.containsKey(name) ? Double.parseDouble(values.get(name)) : fallback;
    }

    boolean flag(String name) {
        return Boolean.parseBoolean(values.getOrDefault(name, "false"));
    }

    List<Integer> integers(String name, String fallback) {
        return java.util.Arrays.stream(text(name, fallback).split(",")).map(String::trim).map(Integer::parseInt).toList();
    }

    List<String> texts(String name, String fallback) {
        return java.util.Arrays.stream(text(name, fallback).split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}

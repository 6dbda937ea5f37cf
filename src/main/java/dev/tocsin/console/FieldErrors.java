package dev.tocsin.console;

import dev.tocsin.platform.problem.Problem;
import dev.tocsin.platform.problem.ProblemException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Errors by field name, as the services report them; the first message per field wins. */
public final class FieldErrors {

    private final Map<String, String> byField = new LinkedHashMap<>();

    public void add(String field, String message) {
        byField.putIfAbsent(field == null ? "form" : field, message);
    }

    public void add(ProblemException e) {
        add(e.problem());
    }

    public void add(Problem problem) {
        if (problem.errors() != null && !problem.errors().isEmpty()) {
            problem.errors().forEach(fe -> add(fe.field(), fe.message()));
        } else {
            add(problem.field() != null ? problem.field() : "form", problem.detail());
        }
    }

    public void addAll(Map<String, String> errors) {
        errors.forEach(this::add);
    }

    public String of(String field) {
        return byField.get(field);
    }

    public boolean any() {
        return !byField.isEmpty();
    }

    public Map<String, String> asMap() {
        return byField;
    }

    public List<Map.Entry<String, String>> entries() {
        return List.copyOf(byField.entrySet());
    }
}

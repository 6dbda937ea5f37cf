package dev.tocsin.security;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/** Staff roles. Resource methods name them with the constants below. */
public enum Role {
    OPERATOR,
    APPROVER,
    ADMIN;

    public static final String OPERATOR_NAME = "operator";
    public static final String APPROVER_NAME = "approver";
    public static final String ADMIN_NAME = "admin";

    @JsonValue
    public String id() {
        return name().toLowerCase();
    }

    @JsonCreator
    public static Role of(String id) {
        return Arrays.stream(values())
                .filter(r -> r.id().equalsIgnoreCase(id))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "unknown role '" + id + "'; must be one of operator, approver, admin"));
    }

    static Set<Role> parse(String csv) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String s : csv.split(",")) {
            if (!s.isBlank()) {
                roles.add(of(s.trim()));
            }
        }
        return roles;
    }

    static String format(Set<Role> roles) {
        return roles.stream().sorted().map(Role::id).collect(Collectors.joining(","));
    }
}

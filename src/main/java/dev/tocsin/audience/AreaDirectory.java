package dev.tocsin.audience;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every area by code and by name path, taken once per import: spreadsheets name villages as
 * "资阳区/长春镇/青山村", "长春镇/青山村" or just "青山村", and a name path that fits several
 * areas is reported as ambiguous rather than guessed.
 */
final class AreaDirectory {

    private final Map<String, Long> byCode = new HashMap<>();
    private final Map<String, List<Area>> byNamePath = new HashMap<>();

    AreaDirectory(List<Area> areas) {
        Map<Long, Area> byId = new HashMap<>();
        areas.forEach(a -> byId.put(a.id, a));
        for (Area a : areas) {
            byCode.put(a.code, a.id);
            List<String> names = new ArrayList<>();
            for (Area cur = a; cur != null; cur = cur.parentId == null ? null : byId.get(cur.parentId)) {
                names.add(0, cur.name);
            }
            // Every suffix of the full name path leads to this area.
            for (int i = 0; i < names.size(); i++) {
                String key = String.join("/", names.subList(i, names.size()));
                byNamePath.computeIfAbsent(key, k -> new ArrayList<>(1)).add(a);
            }
        }
    }

    /** The area's id, or an IllegalArgumentException saying why the text names no single area. */
    long resolve(String text) {
        String t = text.strip();
        Long id = byCode.get(t);
        if (id != null) {
            return id;
        }
        String key = String.join(
                "/",
                java.util.Arrays.stream(t.split("[/\\\\>]"))
                        .map(String::strip)
                        .filter(s -> !s.isEmpty())
                        .toList());
        List<Area> found = byNamePath.getOrDefault(key, List.of());
        if (found.size() == 1) {
            return found.get(0).id;
        }
        if (found.isEmpty()) {
            throw new IllegalArgumentException("unknown area '" + t + "'");
        }
        throw new IllegalArgumentException("area '" + t + "' is ambiguous (codes "
                + String.join(", ", found.stream().map(a -> a.code).sorted().toList())
                + "); give the code or a longer name path");
    }
}

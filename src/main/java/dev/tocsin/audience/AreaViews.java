package dev.tocsin.audience;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;

/** What the area API reads and returns. */
public final class AreaViews {

    private AreaViews() {}

    public record AreaView(
            String code,
            String name,
            AreaKind kind,
            String parentCode,
            Double centroidLat,
            Double centroidLon,
            String polygon) {}

    /** One node of the tree view, children sorted by name. */
    public record AreaNode(String code, String name, AreaKind kind, List<AreaNode> children) {}

    /** One area with what stands in it, counted over the area and all its descendants. */
    public record AreaDetail(
            AreaView area,
            List<String> ancestors,
            long children,
            long residents,
            long terminals,
            Map<String, Long> usage) {}

    public record NewArea(
            @NotBlank @Size(max = 32) String code,
            @NotBlank @Size(max = 200) String name,
            @NotNull AreaKind kind,
            @Size(max = 32) String parentCode,
            Double centroidLat,
            Double centroidLon,
            @Size(max = 100_000) String polygon) {}

    /** Replaces the editable fields; code and parent change only through create and move. */
    public record AreaChange(
            @NotBlank @Size(max = 200) String name,
            @NotNull AreaKind kind,
            Double centroidLat,
            Double centroidLon,
            @Size(max = 100_000) String polygon) {}

    /** New parent; null makes the area a root. */
    public record AreaMove(@Size(max = 32) String parentCode) {}
}

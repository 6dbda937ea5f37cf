package dev.tocsin.duty;

import java.time.Instant;
import java.util.List;

/** The roster's JSON shapes. Input fields are strings so that every bad value is a 400 naming its field. */
public final class DutyPersonViews {

    private DutyPersonViews() {}

    /**
     * A post on the roster. {@code area} is an area code; {@code role} one of township-head,
     * village-head, grid-worker, duty-officer (or the Chinese post name); {@code rank} primary or
     * backup (A角/B角); {@code superiorId} another person's id; {@code language} zh-CN or en;
     * {@code rota} the days the post is held (weekdays and dates, e.g. {@code mon,thu,2026-12-05};
     * blank: every day).
     */
    public record PersonInput(
            String name,
            String mobile,
            String area,
            String role,
            String rank,
            Long superiorId,
            String language,
            String rota) {}

    public record AreaRef(String code, String name) {}

    public record PersonView(
            long id,
            String name,
            String mobile,
            AreaRef area,
            DutyRole role,
            DutyRank rank,
            Long superiorId,
            String language,
            String rota,
            Instant createdAt,
            Instant updatedAt) {}

    public record Page(List<PersonView> persons, int page, int size, long total) {}
}

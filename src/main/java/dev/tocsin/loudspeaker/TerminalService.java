package dev.tocsin.loudspeaker;

import dev.tocsin.audience.Area;
import dev.tocsin.audit.AuditLog;
import dev.tocsin.platform.problem.Problem;
import dev.tocsin.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** The terminal registry staff manage: registration, settings, tokens and health. */
@ApplicationScoped
@Transactional
public class TerminalService {

    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private final Clock clock;
    private final AuditLog audit;
    private final LoudspeakerConfig config;
    private final LastSeen lastSeen;
    private final Event<TokenCache.TerminalCredentialsChanged> credentialsChanged;
    private final PagingSecrets secrets;

    TerminalService(
            Clock clock,
            AuditLog audit,
            LoudspeakerConfig config,
            LastSeen lastSeen,
            Event<TokenCache.TerminalCredentialsChanged> credentialsChanged,
            PagingSecrets secrets) {
        this.secrets = secrets;
        this.clock = clock;
        this.audit = audit;
        this.config = config;
        this.lastSeen = lastSeen;
        this.credentialsChanged = credentialsChanged;
    }

    public record Settings(
            String name,
            String area,
            String model,
            String zone,
            Integer volumePreset,
            Boolean enabled,
            Boolean testTerminal) {}

    public enum Health {
        ONLINE,
        OFFLINE;

        public static Health parse(String field, String value) {
            for (Health h : values()) {
                if (h.name().equalsIgnoreCase(value)) {
                    return h;
                }
            }
            throw ProblemException.badRequest(field, "must be online or offline");
        }
    }

    public record View(
            String code,
            String name,
            String area,
            String areaName,
            String model,
            String zone,
            int volumePreset,
            boolean enabled,
            boolean testTerminal,
            boolean revoked,
            String health,
            Instant lastSeenAt,
            String lastError,
            Integer reportedVolume,
            Boolean amplifierOk,
            Long freeStorageBytes,
            Long clockOffsetMs,
            PagingSettings.View paging) {}

    /** A view plus the device token, which is shown this once. */
    public record WithToken(View terminal, String token) {}

    public record AreaHealth(String area, String name, long online, long offline) {}

    public WithToken register(String actor, String code, Settings s) {
        return register(actor, code, s, null);
    }

    /** Registers a terminal; {@code paging} null means a box that polls the device API. */
    public WithToken register(String actor, String code, Settings s, PagingSettings paging) {
        if (code == null || !CODE.matcher(code).matches()) {
            throw ProblemException.badRequest("code", "1-64 letters, digits, '.', '_' or '-'");
        }
        if (Terminal.findByCode(code).isPresent()) {
            throw ProblemException.conflict("code", "terminal " + code + " already exists");
        }
        Terminal t = new Terminal();
        t.code = code;
        t.createdAt = clock.instant();
        apply(t, s, true);
        if (paging != null) {
            paging.apply(t, secrets);
        }
        String token = TerminalTokens.newToken();
        t.tokenHash = TerminalTokens.hash(token);
        t.persist();
        audit.record(actor, "terminal.register", "terminal:" + code, "area=" + s.area() + pagingNote(t));
        return new WithToken(view(t, areaOf(t)), token);
    }

    public View update(String actor, String code, Settings s) {
        return update(actor, code, s, null);
    }

    /** Updates settings; {@code paging} null leaves how the terminal is reached as it is. */
    public View update(String actor, String code, Settings s, PagingSettings paging) {
        Terminal t = find(code);
        apply(t, s, false);
        if (paging != null) {
            paging.apply(t, secrets);
        }
        credentialsChanged.fire(new TokenCache.TerminalCredentialsChanged(t.id));
        audit.record(
                actor,
                "terminal.update",
                "terminal:" + code,
                "area=" + s.area() + " enabled=" + t.enabled + " volume=" + t.volumePreset + pagingNote(t));
        return view(t, areaOf(t));
    }

    public WithToken rotateToken(String actor, String code) {
        Terminal t = find(code);
        String token = TerminalTokens.newToken();
        t.tokenHash = TerminalTokens.hash(token);
        t.revokedAt = null;
        t.updatedAt = clock.instant();
        credentialsChanged.fire(new TokenCache.TerminalCredentialsChanged(t.id));
        audit.record(actor, "terminal.rotate-token", "terminal:" + code, null);
        return new WithToken(view(t, areaOf(t)), token);
    }

    public View revoke(String actor, String code) {
        Terminal t = find(code);
        t.tokenHash = null;
        t.revokedAt = clock.instant();
        t.updatedAt = t.revokedAt;
        credentialsChanged.fire(new TokenCache.TerminalCredentialsChanged(t.id));
        audit.record(actor, "terminal.revoke", "terminal:" + code, null);
        return view(t, areaOf(t));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public View get(String code) {
        lastSeen.flush();
        Terminal t = find(code);
        return view(t, areaOf(t));
    }

    /** Terminals in an area and everything below it (all when area is null), optionally by health. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<View> list(String areaCode, Health health) {
        lastSeen.flush();
        Map<Long, Area> areas = areasUnder(areaCode);
        List<Terminal> terminals = Terminal.<Terminal>list("order by code").stream()
                .filter(t -> areas.containsKey(t.areaId))
                .toList();
        Instant now = clock.instant();
        return terminals.stream()
                .filter(t -> health == null || (t.online(now, config.offlineAfter()) == (health == Health.ONLINE)))
                .map(t -> view(t, areas.get(t.areaId)))
                .toList();
    }

    /** Online/offline counts per area that has terminals, below {@code areaCode} (all when null). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<AreaHealth> health(String areaCode) {
        lastSeen.flush();
        Map<Long, Area> areas = areasUnder(areaCode);
        Instant now = clock.instant();
        Map<Long, long[]> counts = new LinkedHashMap<>();
        for (Terminal t : Terminal.<Terminal>listAll()) {
            if (areas.containsKey(t.areaId)) {
                counts.computeIfAbsent(t.areaId, id -> new long[2])[t.online(now, config.offlineAfter()) ? 0 : 1]++;
            }
        }
        List<AreaHealth> out = new ArrayList<>();
        counts.forEach((id, c) -> out.add(new AreaHealth(areas.get(id).code, areas.get(id).name, c[0], c[1])));
        out.sort(Comparator.comparing(AreaHealth::area));
        return out;
    }

    private Map<Long, Area> areasUnder(String areaCode) {
        List<Area> list;
        if (areaCode == null || areaCode.isBlank()) {
            list = Area.listAll();
        } else {
            Area root = Area.findByCode(areaCode.trim())
                    .orElseThrow(() -> ProblemException.badRequest("area", "no area with code " + areaCode));
            list = Area.list("path like ?1", root.path + "%");
        }
        Map<Long, Area> byId = new HashMap<>();
        list.forEach(a -> byId.put(a.id, a));
        return byId;
    }

    private void apply(Terminal t, Settings s, boolean creating) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (s == null) {
            throw ProblemException.badRequest("name", "request body is required");
        }
        if (s.name() == null || s.name().isBlank() || s.name().length() > 200) {
            errors.add(new Problem.FieldError("name", "required, at most 200 characters"));
        }
        Area area = null;
        if (s.area() == null || s.area().isBlank()) {
            errors.add(new Problem.FieldError("area", "required: the code of the area the terminal stands in"));
        } else {
            area = Area.findByCode(s.area().trim()).orElse(null);
            if (area == null) {
                errors.add(new Problem.FieldError("area", "no area with code " + s.area()));
            }
        }
        if (s.model() != null && s.model().length() > 100) {
            errors.add(new Problem.FieldError("model", "at most 100 characters"));
        }
        String zone = s.zone() == null || s.zone().isBlank() ? null : s.zone().trim();
        if (zone == null) {
            errors.add(new Problem.FieldError("zone", "required: an IANA time zone such as Asia/Shanghai"));
        } else {
            try {
                zone = ZoneId.of(zone).getId();
            } catch (DateTimeException e) {
                errors.add(new Problem.FieldError("zone", "not an IANA time zone id"));
            }
        }
        if (s.volumePreset() == null || s.volumePreset() < 0 || s.volumePreset() > 100) {
            errors.add(new Problem.FieldError("volumePreset", "required, 0 to 100"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        t.name = s.name().trim();
        t.areaId = area.id;
        t.model = s.model() == null || s.model().isBlank() ? null : s.model().trim();
        t.zone = zone;
        t.volumePreset = s.volumePreset();
        t.enabled = s.enabled() == null ? creating || t.enabled : s.enabled();
        t.testTerminal = s.testTerminal() != null && s.testTerminal();
        t.updatedAt = clock.instant();
    }

    /** For the audit log: where it is paged, never the password. */
    private static String pagingNote(Terminal t) {
        if (t.pagingKind == null) {
            return "";
        }
        return " paging=" + t.pagingKind.id() + " " + (t.pagingKind == PagingKind.SIP ? t.sipUri : t.multicastGroup);
    }

    private Terminal find(String code) {
        return Terminal.findByCode(code).orElseThrow(() -> ProblemException.notFound("no terminal " + code));
    }

    private static Area areaOf(Terminal t) {
        return Area.findById(t.areaId);
    }

    private View view(Terminal t, Area area) {
        boolean online = t.online(clock.instant(), config.offlineAfter());
        return new View(
                t.code,
                t.name,
                area == null ? null : area.code,
                area == null ? null : area.name,
                t.model,
                t.zone,
                t.volumePreset,
                t.enabled,
                t.testTerminal,
                t.tokenHash == null,
                online ? "online" : "offline",
                t.lastSeenAt,
                t.lastError,
                t.reportedVolume,
                t.amplifierOk,
                t.freeStorageBytes,
                t.clockOffsetMs,
                PagingSettings.view(t));
    }
}

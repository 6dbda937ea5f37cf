package dev.tocsin.cap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tocsin.alert.Channel;
import dev.tocsin.audience.Area;
import dev.tocsin.audio.AudioService;
import dev.tocsin.audio.store.AudioFormat;
import dev.tocsin.audio.store.RenderedProgramme;
import dev.tocsin.broadcast.Broadcast;
import dev.tocsin.broadcast.BroadcastAudio;
import dev.tocsin.broadcast.BroadcastRequest;
import dev.tocsin.broadcast.Occurrence;
import dev.tocsin.broadcast.ScheduleVariables;
import dev.tocsin.compose.ComposeService;
import dev.tocsin.compose.Renditions;
import dev.tocsin.compose.template.TemplateCatalogue;
import dev.tocsin.compose.template.TemplateDefinition;
import dev.tocsin.platform.TocsinConfig;
import dev.tocsin.schedule.ScheduleSpec;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/** Turns a broadcast into a CAP 1.2 alert: one info per language the notice exists in. */
@ApplicationScoped
public class CapExporter {

    private static final Logger LOG = Logger.getLogger(CapExporter.class);

    private final CapConfig config;
    private final TocsinConfig tocsin;
    private final ComposeService compose;
    private final TemplateCatalogue templates;
    private final AudioService audio;
    private final BroadcastAudio broadcastAudio;
    private final ObjectMapper json;
    private final ScheduleVariables scheduleVariables;

    CapExporter(
            CapConfig config,
            TocsinConfig tocsin,
            ComposeService compose,
            TemplateCatalogue templates,
            AudioService audio,
            BroadcastAudio broadcastAudio,
            ObjectMapper json,
            ScheduleVariables scheduleVariables) {
        this.scheduleVariables = scheduleVariables;
        this.config = config;
        this.tocsin = tocsin;
        this.compose = compose;
        this.templates = templates;
        this.audio = audio;
        this.broadcastAudio = broadcastAudio;
        this.json = json;
    }

    public String identifier(long broadcastId, String msgType) {
        return config.identifierPrefix() + "-b" + broadcastId + ("Cancel".equals(msgType) ? "-cancel" : "");
    }

    /** @param references "sender,identifier,sent" of what an Update or Cancel replaces, else null */
    public CapAlert alert(Broadcast b, String msgType, Instant sent, String references, List<Occurrence> occurrences) {
        Instant onset =
                occurrences.stream().map(o -> o.dueAt).min(Instant::compareTo).orElse(sent);
        Instant last =
                occurrences.stream().map(o -> o.dueAt).max(Instant::compareTo).orElse(sent);
        Instant expires = expires(b, sent, last);
        List<Area> areas = areas(b);
        List<CapAlert.Info> infos = new ArrayList<>();
        Optional<CapAlert.Resource> sound = "Cancel".equals(msgType) ? Optional.empty() : audioResource(b);
        Map<String, Renditions> byLanguage = renditions(b);
        for (Map.Entry<String, Renditions> e : byLanguage.entrySet()) {
            boolean primary = e.getKey().equals(b.language);
            infos.add(info(
                    b,
                    e.getKey(),
                    e.getValue(),
                    sent,
                    onset,
                    expires,
                    areas,
                    primary ? sound.map(List::of).orElse(List.of()) : List.of()));
        }
        return new CapAlert(
                identifier(b.id, msgType),
                config.sender(),
                CapTimes.format(sent, tocsin.zone()),
                capitalized(b.capStatus.name()),
                msgType,
                "Public",
                references,
                infos);
    }

    Instant expires(Broadcast b, Instant sent, Instant lastFiring) {
        Instant end = lastFiring.isAfter(sent) ? lastFiring : sent;
        return end.plus(config.defaultValidity());
    }

    private CapAlert.Info info(
            Broadcast b,
            String language,
            Renditions r,
            Instant sent,
            Instant onset,
            Instant expires,
            List<Area> areas,
            List<CapAlert.Resource> resources) {
        Renditions.Cap cap = r.cap();
        String event = eventName(b, language);
        String names = String.join(
                language.startsWith("zh") ? "、" : ", ",
                areas.stream().map(a -> a.name).toList());
        String headline =
                shorten(event + (names.isEmpty() ? "" : (language.startsWith("zh") ? "：" : ": ") + names), 160);
        List<String> polygons = areas.stream()
                .map(a -> a.polygon)
                .filter(p -> p != null && !p.isBlank())
                .map(String::trim)
                .toList();
        List<CapAlert.Value> geocodes = areas.stream()
                .map(a -> new CapAlert.Value(config.geocodeName(), a.code))
                .toList();
        CapAlert.Area area = new CapAlert.Area(names.isEmpty() ? "-" : names, polygons, geocodes);
        String severity = b.severity != null
                ? b.severity.cap()
                : cap != null ? cap.severity().cap() : "Unknown";
        return new CapAlert.Info(
                language,
                List.of(cap == null ? "Other" : cap.category().cap()),
                event,
                b.urgency.urgent() ? "Immediate" : cap != null ? cap.urgency().cap() : "Expected",
                severity,
                cap != null ? cap.certainty().cap() : "Observed",
                CapTimes.format(sent, tocsin.zone()),
                CapTimes.format(onset, tocsin.zone()),
                CapTimes.format(expires, tocsin.zone()),
                config.senderName(),
                headline,
                r.loudspeaker().before(),
                r.sms().text(),
                List.of(new CapAlert.Value("TocsinBroadcast", String.valueOf(b.id))),
                resources,
                List.of(area));
    }

    /** The broadcast's own language from its frozen text, others rendered from the same template and values. */
    private Map<String, Renditions> renditions(Broadcast b) {
        Map<String, Renditions> out = new LinkedHashMap<>();
        Renditions own = new Renditions(
                b.templateId,
                b.templateVersion,
                b.language,
                ownCap(b),
                new Renditions.Sms(b.smsText == null ? "" : b.smsText, null, 0, 0, null, List.of()),
                new Renditions.Loudspeaker(
                        b.dialect, b.speakerScript == null ? b.smsText : b.speakerScript, null, List.of()));
        out.put(b.language, own);
        if (b.templateId == null) {
            return out;
        }
        Set<String> languages = new LinkedHashSet<>();
        for (TemplateDefinition.RenditionDefinition d :
                templates.version(b.templateId, b.templateVersion).definition().renditions()) {
            languages.add(d.language());
        }
        Map<String, JsonNode> vars = variables(b);
        for (String language : languages) {
            if (out.containsKey(language)) {
                continue;
            }
            try {
                // Its own transaction: a language the values do not fit must not spoil the approval.
                Renditions r = QuarkusTransaction.requiringNew()
                        .call(() -> compose.render(b.templateId, b.templateVersion, vars, language, null));
                out.put(
                        language,
                        new Renditions(
                                r.templateId(),
                                r.templateVersion(),
                                language,
                                r.cap(),
                                r.sms(),
                                new Renditions.Loudspeaker(
                                        r.loudspeaker().dialect(),
                                        r.loudspeaker().after(),
                                        null,
                                        List.of())));
            } catch (RuntimeException e) {
                LOG.debugf("Broadcast %d: no %s rendition for CAP: %s", b.id, language, e.getMessage());
            }
        }
        return out;
    }

    private Renditions.Cap ownCap(Broadcast b) {
        if (b.templateId == null) {
            return null;
        }
        TemplateDefinition d =
                templates.version(b.templateId, b.templateVersion).definition();
        return new Renditions.Cap(d.category(), d.severity(), d.urgency(), d.certainty());
    }

    private String eventName(Broadcast b, String language) {
        if (b.templateId != null) {
            Map<String, String> name = templates
                    .version(b.templateId, b.templateVersion)
                    .definition()
                    .name();
            String n = name.getOrDefault(language, name.values().iterator().next());
            if (n != null && !n.isBlank()) {
                return n;
            }
        }
        return language.startsWith("zh") ? "公告" : "Public notice";
    }

    private Map<String, JsonNode> variables(Broadcast b) {
        Map<String, JsonNode> vars = new LinkedHashMap<>();
        try {
            json.readTree(b.variablesJson == null ? "{}" : b.variablesJson)
                    .fields()
                    .forEachRemaining(e -> vars.put(e.getKey(), e.getValue()));
            return scheduleVariables.resolve(
                    b.templateId, b.templateVersion, vars, json.readValue(b.scheduleJson, ScheduleSpec.class));
        } catch (IOException e) {
            throw new IllegalStateException("stored variables unreadable", e);
        }
    }

    private List<Area> areas(Broadcast b) {
        try {
            BroadcastRequest.Audience a = json.readValue(b.audienceJson, BroadcastRequest.Audience.class);
            List<Area> out = new ArrayList<>();
            for (String code : a.areaCodes()) {
                Area.findByCode(code).ifPresent(out::add);
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("stored audience unreadable", e);
        }
    }

    /**
     * The programme terminals will play, with the size and SHA-1 digest CAP consumers check the
     * download against. A programme not stored yet (the warm-up after approval has not run) is
     * rendered now, once: renders are cached by content key, so the warm-up and the firing find
     * it. When no voice can render it the alert goes out without a resource.
     */
    private Optional<CapAlert.Resource> audioResource(Broadcast b) {
        if (!b.sends(Channel.LOUDSPEAKER) || !BroadcastAudio.hasAudio(b)) {
            return Optional.empty();
        }
        try {
            RenderedProgramme rendered = broadcastAudio.programme(b).programme();
            String key = rendered.key();
            String desc = b.language.startsWith("zh") ? "广播音频" : "Loudspeaker audio";
            String uri = tocsin.publicUrl() + "/api/audio/" + key + ".mp3";
            byte[] mp3 = audio.read(key, AudioFormat.MP3, 0, rendered.mp3Bytes() - 1);
            return Optional.of(new CapAlert.Resource(desc, "audio/mpeg", (long) mp3.length, uri, sha1(mp3)));
        } catch (RuntimeException e) {
            LOG.warnf("Broadcast %d: CAP alert published without audio: %s", b.id, e.getMessage());
            return Optional.empty();
        }
    }

    /** Same voice choice as the firing, so the resource is what the terminals play. */
    private static String profile(Broadcast b) {
        return AudioService.voiceProfileFor(b.language, b.dialect);
    }

    static String sha1(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String capitalized(String s) {
        return s.charAt(0) + s.substring(1).toLowerCase(Locale.ROOT);
    }

    private static String shorten(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}

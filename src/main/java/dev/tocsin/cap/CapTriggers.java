package dev.tocsin.cap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tocsin.alert.Channel;
import dev.tocsin.alert.Urgency;
import dev.tocsin.audience.Area;
import dev.tocsin.broadcast.Broadcast;
import dev.tocsin.broadcast.BroadcastRequest;
import dev.tocsin.broadcast.BroadcastService;
import dev.tocsin.broadcast.BroadcastStatus;
import dev.tocsin.broadcast.CapStatus;
import dev.tocsin.compose.template.TemplateCatalogue;
import dev.tocsin.compose.template.TemplateDefinition;
import dev.tocsin.compose.template.VariableType;
import dev.tocsin.platform.TocsinConfig;
import dev.tocsin.platform.problem.ProblemException;
import dev.tocsin.schedule.ScheduleSpec;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * What a received alert causes. Alerts and Updates are matched against the enabled rules; each
 * match drafts a broadcast, submitted for approval by the system account, in its own
 * transaction (a template that refuses the values records a FAILED trigger, it does not refuse
 * the alert). Updates and Cancels propose withdrawing what the alerts they reference caused.
 */
@ApplicationScoped
public class CapTriggers {

    private static final Logger LOG = Logger.getLogger(CapTriggers.class);
    private static final Set<BroadcastStatus> LIVE = EnumSet.of(
            BroadcastStatus.DRAFT,
            BroadcastStatus.PENDING_APPROVAL,
            BroadcastStatus.APPROVED,
            BroadcastStatus.DISPATCHING,
            BroadcastStatus.DELIVERING);

    private final CapRuleService rules;
    private final BroadcastService broadcasts;
    private final TemplateCatalogue templates;
    private final CapConfig config;
    private final TocsinConfig tocsin;
    private final ObjectMapper json;
    private final Clock clock;

    CapTriggers(
            CapRuleService rules,
            BroadcastService broadcasts,
            TemplateCatalogue templates,
            CapConfig config,
            TocsinConfig tocsin,
            ObjectMapper json,
            Clock clock) {
        this.rules = rules;
        this.broadcasts = broadcasts;
        this.templates = templates;
        this.config = config;
        this.tocsin = tocsin;
        this.json = json;
        this.clock = clock;
    }

    /** Inside the ingest transaction: proposals to withdraw what referenced alerts caused. */
    void proposeWithdrawals(CapReceived received, List<Long> referencedIds) {
        Set<Long> seen = new HashSet<>();
        List<Long> todo = new ArrayList<>(referencedIds);
        while (!todo.isEmpty()) {
            long ref = todo.remove(todo.size() - 1);
            if (!seen.add(ref)) {
                continue;
            }
            // An Update's earlier alerts: follow the chain back to what first caused drafts.
            for (CapReference r : CapReference.<CapReference>list("receivedId", ref)) {
                todo.add(r.referencedId);
            }
            for (CapTrigger t : CapTrigger.<CapTrigger>list(
                    "receivedId = ?1 and kind = ?2 and state = ?3",
                    ref,
                    CapTrigger.Kind.DRAFT,
                    CapTrigger.State.DRAFTED)) {
                Broadcast b = Broadcast.findById(t.broadcastId);
                if (b == null
                        || !LIVE.contains(b.status)
                        || CapTrigger.count(
                                        "kind = ?1 and state = ?2 and broadcastId = ?3",
                                        CapTrigger.Kind.WITHDRAWAL,
                                        CapTrigger.State.PROPOSED,
                                        b.id)
                                > 0) {
                    continue;
                }
                CapTrigger w = new CapTrigger();
                w.receivedId = received.id;
                w.ruleId = t.ruleId;
                w.kind = CapTrigger.Kind.WITHDRAWAL;
                w.state = CapTrigger.State.PROPOSED;
                w.broadcastId = b.id;
                w.detail = "upstream " + received.msgType + " " + received.identifier
                        + " replaces the alert that drafted " + "broadcast " + b.id + "; cancel it?";
                w.createdAt = clock.instant();
                w.persist();
            }
        }
    }

    /** After the alert is stored: one draft per matching rule, each in its own transaction. */
    void draft(long receivedId, CapAlert alert) {
        if (!Set.of("Alert", "Update").contains(alert.msgType())
                || !Set.of("Actual", "Exercise", "Test").contains(alert.status())) {
            return;
        }
        List<CapRuleService.RuleView> enabled = QuarkusTransaction.requiringNew()
                .call(() -> rules.list().stream()
                        .filter(CapRuleService.RuleView::enabled)
                        .toList());
        for (CapRuleService.RuleView rule : enabled) {
            CapAlert.Info info = QuarkusTransaction.requiringNew().call(() -> matching(rule.definition(), alert));
            if (info == null) {
                continue;
            }
            try {
                QuarkusTransaction.requiringNew().run(() -> createDraft(receivedId, rule, alert, info));
            } catch (RuntimeException e) {
                String why = e instanceof ProblemException p ? p.problem().detail() : e.toString();
                LOG.warnf(
                        "CAP rule %s matched alert %s but no draft was made: %s", rule.name(), alert.identifier(), why);
                QuarkusTransaction.requiringNew()
                        .run(() -> record(
                                receivedId,
                                rule.id(),
                                CapTrigger.State.FAILED,
                                null,
                                "rule " + rule.name() + ": " + why));
            }
        }
    }

    private void createDraft(long receivedId, CapRuleService.RuleView rule, CapAlert alert, CapAlert.Info info) {
        RuleDefinition d = rule.definition();
        RuleDefinition.Draft t = d.draft();
        ScheduleSpec schedule =
                t.schedule() == null ? ScheduleSpec.now() : json.convertValue(t.schedule(), ScheduleSpec.class);
        BroadcastRequest request = new BroadcastRequest(
                t.templateId(),
                null,
                variables(d, info),
                null,
                null,
                null,
                null,
                t.language(),
                null,
                t.channels().stream().map(Channel::of).collect(Collectors.toSet()),
                t.priority() == null ? Urgency.ROUTINE : Urgency.of(t.priority()),
                CapStatus.of(t.status() != null ? t.status() : alert.status()),
                BroadcastRequest.Audience.areas(d.audience()),
                schedule,
                null,
                null,
                null,
                null,
                null);
        String actor = config.systemActor();
        Broadcast b = broadcasts.draftForAlert(actor, request);
        record(
                receivedId,
                rule.id(),
                CapTrigger.State.DRAFTED,
                b.id,
                "rule " + rule.name() + " drafted broadcast "
                        + b.id + " from " + t.templateId()
                        + (b.channelProblem == null
                                ? "; awaiting approval"
                                : "; kept as a draft, a channel is flagged: " + b.channelProblem));
    }

    private void record(long receivedId, Long ruleId, CapTrigger.State state, Long broadcastId, String detail) {
        CapTrigger t = new CapTrigger();
        t.receivedId = receivedId;
        t.ruleId = ruleId;
        t.kind = CapTrigger.Kind.DRAFT;
        t.state = state;
        t.broadcastId = broadcastId;
        t.detail = detail.length() > 1000 ? detail.substring(0, 1000) : detail;
        t.createdAt = clock.instant();
        t.persist();
    }

    /** The first info the rule matches, or null. */
    CapAlert.Info matching(RuleDefinition d, CapAlert alert) {
        RuleDefinition.Match m = d.match();
        for (CapAlert.Info i : alert.infos()) {
            if (listed(m.languages(), l -> i.language().toLowerCase(Locale.ROOT).startsWith(l.toLowerCase(Locale.ROOT)))
                    && listed(m.events(), e -> contains(i.event(), e) || contains(i.headline(), e))
                    && listed(m.categories(), c -> i.categories().contains(c))
                    && listed(m.severities(), s -> s.equals(i.severity()))
                    && listed(m.urgencies(), u -> u.equals(i.urgency()))
                    && inArea(m.areaCodes(), i)) {
                return i;
            }
        }
        return null;
    }

    private static boolean listed(List<String> values, java.util.function.Predicate<String> test) {
        return values == null || values.isEmpty() || values.stream().anyMatch(test);
    }

    private static boolean contains(String text, String part) {
        return text != null && text.toLowerCase(Locale.ROOT).contains(part.toLowerCase(Locale.ROOT));
    }

    /**
     * A geocode naming one of the rule's areas, an area inside it or an area containing it; or
     * an alert polygon that meets a rule area's polygon or contains its centroid.
     */
    private static boolean inArea(List<String> codes, CapAlert.Info info) {
        List<Area> areas = codes.stream()
                .map(Area::findByCode)
                .flatMap(java.util.Optional::stream)
                .toList();
        for (CapAlert.Area a : info.areas()) {
            for (CapAlert.Value g : a.geocodes()) {
                if (g.value() == null) {
                    continue;
                }
                Area named = Area.findByCode(g.value().trim()).orElse(null);
                if (named != null
                        && areas.stream()
                                .anyMatch(r -> r.path.startsWith(named.path) || named.path.startsWith(r.path))) {
                    return true;
                }
            }
            for (String p : a.polygons()) {
                List<double[]> alertRing = Polygons.parse(p);
                for (Area r : areas) {
                    if (Polygons.intersects(alertRing, Polygons.parse(r.polygon))) {
                        return true;
                    }
                    if (r.centroidLat != null
                            && r.centroidLon != null
                            && !alertRing.isEmpty()
                            && Polygons.contains(alertRing, new double[] {r.centroidLat, r.centroidLon})) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** Template values from the CAP fields, typed as the template declares them. */
    Map<String, JsonNode> variables(RuleDefinition d, CapAlert.Info info) {
        Map<String, VariableType> types = new LinkedHashMap<>();
        TemplateDefinition def = templates.version(d.draft().templateId(), null).definition();
        for (TemplateDefinition.VariableDefinition v : def.variablesOrEmpty()) {
            types.put(v.name(), v.type());
        }
        Map<String, JsonNode> out = new LinkedHashMap<>();
        if (d.draft().variables() == null) {
            return out;
        }
        for (Map.Entry<String, String> e : d.draft().variables().entrySet()) {
            JsonNode value = source(e.getValue(), d, info, types.get(e.getKey()));
            if (value != null) {
                out.put(e.getKey(), value);
            }
        }
        return out;
    }

    private JsonNode source(String expression, RuleDefinition d, CapAlert.Info info, VariableType type) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        for (String raw : expression.split("\\|")) {
            String p = raw.strip();
            if ("period".equals(p)) {
                ObjectNode range = f.objectNode();
                LocalDate from = date(first(info.onset(), info.effective()));
                LocalDate to = date(info.expires());
                if (from == null) {
                    from = LocalDate.ofInstant(clock.instant(), tocsin.zone());
                }
                range.put("from", from.toString());
                range.put("to", (to == null || to.isBefore(from) ? from : to).toString());
                return range;
            }
            String text = text(p, d, info);
            if (text != null && !text.isBlank()) {
                if (type == VariableType.NUMBER) {
                    try {
                        return f.numberNode(new BigDecimal(text.strip()));
                    } catch (NumberFormatException e) {
                        continue;
                    }
                }
                if (type == VariableType.AREA && text.length() > 30) {
                    text = text.substring(0, 30);
                }
                return f.textNode(text);
            }
        }
        return null;
    }

    private String text(String p, RuleDefinition d, CapAlert.Info info) {
        if (p.startsWith("parameter:")) {
            String name = p.substring("parameter:".length());
            return info.parameters().stream()
                    .filter(v -> name.equals(v.valueName()))
                    .map(CapAlert.Value::value)
                    .findFirst()
                    .orElse(null);
        }
        if (p.startsWith("literal:")) {
            return p.substring("literal:".length());
        }
        return switch (p) {
            case "areaNames" ->
                String.join(
                        d.draft().language().startsWith("zh") ? "、" : ", ",
                        d.audience().stream()
                                .map(Area::findByCode)
                                .flatMap(java.util.Optional::stream)
                                .map(a -> a.name)
                                .toList());
            case "areaDesc" ->
                String.join(
                        ", ", info.areas().stream().map(CapAlert.Area::areaDesc).toList());
            case "headline" -> info.headline();
            case "event" -> info.event();
            case "description" -> info.description();
            case "instruction" -> info.instruction();
            case "senderName" -> info.senderName();
            case "onsetDate" -> str(date(first(info.onset(), info.effective())));
            case "expiresDate" -> str(date(info.expires()));
            case "expiresTime" ->
                info.expires() == null
                        ? null
                        : DateTimeFormatter.ofPattern("HH:mm")
                                .format(CapTimes.parse(info.expires()).atZone(tocsin.zone()));
            default -> p;
        };
    }

    private static String first(String a, String b) {
        return a != null ? a : b;
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }

    private LocalDate date(String capTime) {
        Instant t = CapTimes.parseOrNull(capTime);
        return t == null ? null : LocalDate.ofInstant(t, tocsin.zone());
    }
}

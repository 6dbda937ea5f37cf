package dev.tocsin.console;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tocsin.alert.Urgency;
import dev.tocsin.broadcast.Broadcast;
import dev.tocsin.broadcast.BroadcastPreview;
import dev.tocsin.broadcast.BroadcastRequest;
import dev.tocsin.broadcast.BroadcastService;
import dev.tocsin.broadcast.BroadcastStatus;
import dev.tocsin.compose.dialect.DialectRegistry;
import dev.tocsin.compose.template.TemplateCatalogue;
import dev.tocsin.compose.template.TemplateDefinition;
import dev.tocsin.platform.problem.ProblemException;
import dev.tocsin.schedule.ScheduleSpec;
import dev.tocsin.security.Role;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * Compose a broadcast: template, variables, areas, channels, dialect, schedule; live preview
 * through {@link ComposePreviews}; the submit creates the broadcast and submits it for
 * approval in one step (once per form id, so a double click makes one broadcast).
 */
@Path("/console/compose")
@RolesAllowed({Role.OPERATOR_NAME, Role.ADMIN_NAME})
public class ComposePage {

    static final String DEFAULT_TEMPLATE = "cold-wave";

    private final ConsoleView view;
    private final TemplateCatalogue templates;
    private final DialectRegistry dialects;
    private final ConsoleOverview overview;
    private final ComposePreviews previews;
    private final ComposeSubmission submission;
    private final SubmittedForms forms;
    private final BroadcastService broadcasts;
    private final BroadcastPreview stored;
    private final SecurityIdentity identity;
    private final dev.tocsin.compose.calendar.SeasonalCalendar calendar;
    private final RecordingRows recordings;

    ComposePage(
            ConsoleView view,
            TemplateCatalogue templates,
            DialectRegistry dialects,
            ConsoleOverview overview,
            ComposePreviews previews,
            ComposeSubmission submission,
            SubmittedForms forms,
            BroadcastService broadcasts,
            BroadcastPreview stored,
            SecurityIdentity identity,
            dev.tocsin.compose.calendar.SeasonalCalendar calendar,
            RecordingRows recordings) {
        this.calendar = calendar;
        this.recordings = recordings;
        this.view = view;
        this.templates = templates;
        this.dialects = dialects;
        this.overview = overview;
        this.previews = previews;
        this.submission = submission;
        this.forms = forms;
        this.broadcasts = broadcasts;
        this.stored = stored;
        this.identity = identity;
    }

    public record Option(String id, String label, boolean selected) {}

    /** One variable input (a date range is two date inputs, {@code name.from} and {@code name.to}). */
    public record VarField(
            String name,
            String label,
            String type,
            boolean required,
            String unit,
            String defaultValue,
            Integer maxLength) {
        public String field() {
            return "variables." + name;
        }

        public boolean range() {
            return "date-range".equals(type);
        }

        /** The reference a "from the schedule" box sends; null for a type that cannot take one. */
        public String scheduleReference() {
            return switch (type) {
                case "date-range" -> "@schedule";
                case "date" -> "@schedule.from";
                default -> null;
            };
        }

        public String inputType() {
            return switch (type) {
                case "number" -> "number";
                case "date" -> "date";
                case "time" -> "time";
                case "phone" -> "tel";
                default -> "text";
            };
        }
    }

    public record Model(
            List<Option> templates,
            String templateId,
            List<VarField> variables,
            List<Option> dialects,
            List<ConsoleOverview.AreaRow> areas,
            ComposeForm form,
            FieldErrors errors,
            String formId,
            Long update,
            Long revise,
            String rejection,
            List<dev.tocsin.compose.calendar.SeasonalCalendar.CampaignRule> campaigns,
            List<RecordingRows.Row> recordings) {
        public List<String> statuses() {
            return List.of("actual", "exercise", "test");
        }

        /** Warning colours staff may name instead of the template's CAP severity's. */
        public List<String> colours() {
            return java.util.Arrays.stream(dev.tocsin.alert.WarningColour.values())
                    .map(dev.tocsin.alert.WarningColour::id)
                    .toList();
        }

        /** Whether the loudspeaker-audio choice is this notice recording. */
        public boolean recordingChosen(long id) {
            String chosen = form.value("recordingId");
            return chosen != null && chosen.strip().equals(Long.toString(id));
        }

        /** The inputs of free text, in the API's names. */
        public List<String> freeTextFields() {
            return List.of("text", "keyInstruction", "textEn", "title");
        }

        /** The template picker's value for free text. */
        public static final String FREE_TEXT = "text";

        /** Free text instead of a template: picked as {@value #FREE_TEXT}, posted with an empty templateId. */
        public boolean freeText() {
            return templateId == null || templateId.isBlank();
        }

        public List<String> kinds() {
            return List.of("NOW", "ONCE", "RECURRING", "CRON", "SEASONAL", "CAMPAIGN");
        }

        /** The channels that may get their own times in the form (once or recurring; the API takes any kind). */
        public List<String> timedChannels() {
            return List.of("sms", "loudspeaker");
        }

        public List<String> ownTimeFields() {
            return List.of("at", "times", "from", "to");
        }

        public List<String> scheduleFields() {
            return List.of(
                    "schedule.at",
                    "schedule.times",
                    "schedule.from",
                    "schedule.to",
                    "schedule.cron",
                    "schedule.seasonFrom",
                    "schedule.seasonTo",
                    "schedule.campaign",
                    "schedule.year");
        }
    }

    @CheckedTemplate(basePath = "console")
    static class Templates {
        static native TemplateInstance compose(Chrome chrome, Model m);
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance page(@RestQuery String template, @RestQuery Long update, @RestQuery Long revise) {
        ComposeForm form;
        if (update != null || revise != null) {
            Broadcast b = broadcasts.find(update != null ? update : revise);
            form = new ComposeForm(fields(stored.request(b)));
        } else {
            MultivaluedMap<String, String> initial = new MultivaluedHashMap<>();
            initial.add(
                    "templateId",
                    Model.FREE_TEXT.equals(template)
                            ? ""
                            : template == null || template.isBlank() ? DEFAULT_TEMPLATE : template);
            initial.add("language", view.language().tag());
            initial.add("channels", "sms");
            initial.add("channels", "loudspeaker");
            initial.add("priority", Urgency.ROUTINE.id());
            initial.add("status", "actual");
            initial.add("quietHours", "wait");
            initial.add("schedule.kind", "NOW");
            form = new ComposeForm(initial);
        }
        return render(form, new FieldErrors(), update, update != null ? null : revise);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response submit(MultivaluedMap<String, String> body) {
        ComposeForm form = new ComposeForm(body);
        FieldErrors errors = new FieldErrors();
        Map<String, String> parse = new LinkedHashMap<>();
        BroadcastRequest request = form.request(parse);
        errors.addAll(parse);
        Long update = parseId("update", form.value("update"), errors);
        Long revise = parseId("revise", form.value("revise"), errors);
        Optional<String> redirect = errors.any()
                ? Optional.empty()
                : forms.once(form.value(SubmittedForms.FIELD), () -> {
                    try {
                        long id = submission.submit(identity.getPrincipal().getName(), request, update, revise);
                        return Optional.of("/console/broadcasts/" + id + "?done=submitted");
                    } catch (ProblemException e) {
                        errors.add(e);
                        return Optional.empty();
                    }
                });
        if (redirect.isPresent()) {
            return Response.seeOther(URI.create(redirect.get())).build();
        }
        // Show every problem at once: the service stops at its first group, the preview checks the rest.
        previews.preview(form).errors().forEach(errors::add);
        return Response.status(400)
                .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(render(form, errors, update, revise).render())
                .build();
    }

    @POST
    @Path("preview")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    public ComposePreviews.Preview preview(MultivaluedMap<String, String> body) {
        return previews.preview(new ComposeForm(body));
    }

    @POST
    @Path("audio")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    public ComposePreviews.Audio audio(MultivaluedMap<String, String> body) {
        return previews.audio(new ComposeForm(body));
    }

    private TemplateInstance render(ComposeForm form, FieldErrors errors, Long update, Long revise) {
        String lang = view.language().tag();
        String templateId = form.value("templateId");
        List<Option> options = templates.list(false).stream()
                .map(s -> new Option(s.id(), label(s.name(), lang, s.id()), s.id().equals(templateId)))
                .toList();
        List<VarField> vars = new ArrayList<>();
        try {
            // Free text (no template) has no variables.
            TemplateDefinition d = templateId.isBlank()
                    ? null
                    : templates.version(templateId, null).definition();
            for (TemplateDefinition.VariableDefinition v :
                    d == null ? List.<TemplateDefinition.VariableDefinition>of() : d.variablesOrEmpty()) {
                vars.add(new VarField(
                        v.name(),
                        label(v.label(), lang, v.name()),
                        v.type().id(),
                        v.required(),
                        v.unit() == null ? null : label(v.unit(), lang, null),
                        v.defaultValue(),
                        v.maxLength()));
            }
        } catch (ProblemException e) {
            errors.add(e);
        }
        String dialect = form.value("dialect");
        List<Option> dialectOptions = dialects.list().stream()
                .map(p -> new Option(p.id(), p.name() + " (" + p.language() + ")", p.id().equals(dialect)))
                .toList();
        return view.render(Templates.compose(
                view.chrome("compose"),
                new Model(
                        options,
                        templateId,
                        vars,
                        dialectOptions,
                        overview.areaTree(),
                        form,
                        errors,
                        forms.newId(),
                        update,
                        revise,
                        rejection(revise),
                        calendar.campaigns(),
                        recordings.notices())));
    }

    /** The approver's reason, shown while the operator revises a rejected broadcast. */
    private String rejection(Long revise) {
        if (revise == null) {
            return null;
        }
        Broadcast b = broadcasts.find(revise);
        return b.status == BroadcastStatus.REJECTED ? b.statusComment : null;
    }

    private static String label(Map<String, String> texts, String lang, String fallback) {
        if (texts == null || texts.isEmpty()) {
            return fallback;
        }
        return texts.getOrDefault(
                lang, texts.getOrDefault("en", texts.values().iterator().next()));
    }

    private static Long parseId(String field, String text, FieldErrors errors) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Long.valueOf(text.strip());
        } catch (NumberFormatException e) {
            errors.add(field, "must be a number");
            return null;
        }
    }

    /** The form fields of a stored request, so an update starts from what was sent. */
    static MultivaluedMap<String, String> fields(BroadcastRequest r) {
        MultivaluedMap<String, String> m = new MultivaluedHashMap<>();
        put(m, "templateId", r.templateId());
        put(m, "text", r.text());
        put(m, "textEn", r.textEn());
        put(m, "keyInstruction", r.keyInstruction());
        put(m, "title", r.title());
        put(m, "language", r.language());
        put(m, "dialect", r.dialect());
        put(m, "recordingId", r.recordingId() == null ? null : r.recordingId().toString());
        put(m, "priority", r.priority() == null ? null : r.priority().id());
        put(m, "status", r.status() == null ? null : r.status().id());
        put(m, "quietHours", r.quietHours() == null ? null : r.quietHours().id());
        put(m, "colour", r.colour() == null ? null : r.colour().id());
        r.channels().forEach(c -> m.add("channels", c.id()));
        if (r.audience() != null && r.audience().areaCodes() != null) {
            r.audience().areaCodes().forEach(c -> m.add("audience.areaCodes", c));
        }
        if (r.variables() != null) {
            for (Map.Entry<String, JsonNode> e : r.variables().entrySet()) {
                if (dev.tocsin.broadcast.ScheduleVariables.isReference(e.getValue())) {
                    put(
                            m,
                            "variables." + e.getKey() + ".fromSchedule",
                            e.getValue().asText());
                } else if (e.getValue().isObject()) {
                    put(
                            m,
                            "variables." + e.getKey() + ".from",
                            e.getValue().path("from").asText(null));
                    put(
                            m,
                            "variables." + e.getKey() + ".to",
                            e.getValue().path("to").asText(null));
                } else {
                    put(m, "variables." + e.getKey(), e.getValue().asText());
                }
            }
        }
        ScheduleSpec s = r.schedule();
        if (s != null) {
            put(m, "schedule.kind", s.kind() == null ? null : s.kind().name());
            put(m, "schedule.at", s.at() == null ? null : s.at().toString());
            put(m, "schedule.times", s.times().stream().map(LocalTime::toString).collect(Collectors.joining(", ")));
            put(m, "schedule.from", s.from() == null ? null : s.from().toString());
            put(m, "schedule.to", s.to() == null ? null : s.to().toString());
            put(m, "schedule.seasonFrom", s.seasonFrom());
            put(m, "schedule.seasonTo", s.seasonTo());
            put(m, "schedule.year", s.year() == null ? null : s.year().toString());
            put(m, "schedule.cron", s.cron());
            put(m, "schedule.campaign", s.campaign());
        }
        if (r.repeatsYearly()) {
            put(m, "repeatYearly", "on");
        }
        if (r.channelSchedules() != null) {
            r.channelSchedules().forEach((channel, own) -> {
                String p = "channelSchedules." + channel;
                put(m, p + ".kind", own.kind() == null ? null : own.kind().name());
                put(m, p + ".at", own.at() == null ? null : own.at().toString());
                put(
                        m,
                        p + ".times",
                        own.times().stream().map(LocalTime::toString).collect(Collectors.joining(", ")));
                put(m, p + ".from", own.from() == null ? null : own.from().toString());
                put(m, p + ".to", own.to() == null ? null : own.to().toString());
            });
        }
        return m;
    }

    private static void put(MultivaluedMap<String, String> m, String key, String value) {
        if (value != null) {
            m.add(key, value);
        }
    }
}

package dev.tocsin.compose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.tocsin.alert.Channel;
import dev.tocsin.alert.Languages;
import dev.tocsin.compose.dialect.DialectProfile;
import dev.tocsin.compose.dialect.DialectRegistry;
import dev.tocsin.compose.dialect.Lexicon;
import dev.tocsin.compose.dialect.Refusal;
import dev.tocsin.compose.dialect.Rewrite;
import dev.tocsin.compose.sms.SmsCount;
import dev.tocsin.compose.sms.SmsCounter;
import dev.tocsin.compose.spoken.PlaceNames;
import dev.tocsin.compose.spoken.SpokenText;
import dev.tocsin.compose.template.TemplateCatalogue;
import dev.tocsin.compose.template.TemplateDefinition;
import dev.tocsin.compose.template.TemplateRenderer;
import dev.tocsin.compose.template.VariableType;
import dev.tocsin.compose.template.Variables;
import dev.tocsin.platform.problem.Problem;
import dev.tocsin.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a template version plus staff-supplied values, or free text, into the renditions of
 * one language. This is the API the broadcast feature calls; the preview endpoint is a thin
 * wrapper over it.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class ComposeService {

    private final TemplateCatalogue catalogue;
    private final TemplateRenderer renderer;
    private final DialectRegistry dialects;
    private final ComposeConfig config;
    private final PlaceNames placeNames;

    ComposeService(
            TemplateCatalogue catalogue,
            TemplateRenderer renderer,
            DialectRegistry dialects,
            ComposeConfig config,
            PlaceNames placeNames) {
        this.catalogue = catalogue;
        this.renderer = renderer;
        this.dialects = dialects;
        this.config = config;
        this.placeNames = placeNames;
    }

    /**
     * Renders a template.
     *
     * @param version null for the current version
     * @param dialect null for the language's default profile
     * @throws dev.tocsin.platform.problem.ProblemException 400 naming the field: unknown template,
     *         version, language or dialect ({@code templateId}, {@code templateVersion}, {@code language},
     *         {@code dialect}), invalid or unknown variables ({@code variables.<name>}, all listed),
     *         or an SMS over the template's segment limit (the longest variable in it, else {@code sms})
     */
    public Renditions render(
            String templateId, Integer version, Map<String, JsonNode> variables, String language, String dialect) {
        Rendered r = renderTemplate(templateId, version, variables, language, dialect);
        DialectProfile.Script script = r.profile().script(r.speech(), r.key(), placeNames.names());
        return new Renditions(
                r.version().id(),
                r.version().version(),
                r.language(),
                new Renditions.Cap(
                        r.definition().category(),
                        r.definition().severity(),
                        r.definition().urgency(),
                        r.definition().certainty()),
                r.sms(),
                loudspeaker(r.profile(), script));
    }

    /**
     * The loudspeaker notice of a template for an audio programme that speaks its own opening,
     * repetitions and closing: the body rewritten by the dialect's lexicon (the key instruction
     * and place names kept as written) and the key instruction as written, without the
     * dialect's phrasing around them. Same validation and errors as
     * {@link #render}.
     *
     * @param keyInstruction null when the template's rendition has none
     */
    public record Speech(
            String templateId,
            int templateVersion,
            String language,
            String dialect,
            String body,
            String keyInstruction) {}

    /** See {@link Speech}; arguments and errors as {@link #render}. */
    public Speech speech(
            String templateId, Integer version, Map<String, JsonNode> variables, String language, String dialect) {
        Rendered r = renderTemplate(templateId, version, variables, language, dialect);
        Lexicon lexicon = r.profile().lexicon();
        Lexicon.Protection protection =
                new Lexicon.Protection(placeNames.names(), r.key() == null ? List.of() : List.of(r.key()));
        return new Speech(
                r.version().id(),
                r.version().version(),
                r.language(),
                r.profile().id(),
                lexicon.rewrite(r.speech().strip(), protection).text(),
                r.key() == null ? null : r.key().strip());
    }

    private record Rendered(
            TemplateCatalogue.Version version,
            TemplateDefinition definition,
            String language,
            DialectProfile profile,
            Renditions.Sms sms,
            String speech,
            String key) {}

    private Rendered renderTemplate(
            String templateId, Integer version, Map<String, JsonNode> variables, String language, String dialect) {
        String lang = Languages.requireWritten(language, "language");
        TemplateCatalogue.Version v = catalogue.version(templateId, version);
        DialectProfile profile = dialects.resolve(dialect, lang);
        TemplateDefinition d = v.definition();
        Variables.Checked checked = Variables.check(d.variablesOrEmpty(), variables, lang);
        if (!checked.errors().isEmpty()) {
            throw ProblemException.invalid(checked.errors());
        }
        TemplateDefinition.RenditionDefinition smsDef = rendition(d, Channel.SMS, lang);
        Renditions.Sms sms = sms(v, smsDef, checked.formatted());
        if (sms.segmentLimit() != null && sms.segments() > sms.segmentLimit()) {
            throw overLimit(sms, smsDef.text(), checked.formatted());
        }
        TemplateDefinition.RenditionDefinition speakerDef = rendition(d, Channel.LOUDSPEAKER, lang);
        String cacheKey = v.id() + "@" + v.version() + "/";
        String speech = renderer.render(cacheKey + "loudspeaker/" + lang, speakerDef.text(), checked.formatted());
        String key = speakerDef.key() == null
                ? null
                : renderer.render(cacheKey + "loudspeaker-key/" + lang, speakerDef.key(), checked.formatted());
        return new Rendered(v, d, lang, profile, sms, speech, key);
    }

    /**
     * The SMS in every language the template has an SMS rendition for, rendered with the same
     * values: what residents of each language read. Invalid variables are refused as
     * {@link #render} refuses them, with the language at the start of the detail. The segment
     * limit is <em>not</em> enforced here: each SMS carries its {@code segments} and the
     * template's {@code segmentLimit}, and the caller decides (see docs/BROADCASTS.md).
     *
     * @param version null for the current version
     * @return language tag to SMS, in the template's rendition order
     */
    public Map<String, Renditions.Sms> renderSmsByLanguage(
            String templateId, Integer version, Map<String, JsonNode> variables) {
        return renderSmsByLanguage(templateId, version, variables, null, null);
    }

    /**
     * As {@link #renderSmsByLanguage(String, Integer, Map)}, for values staff typed in
     * {@code typedIn}: a Chinese SMS never carries an area typed in Latin letters (an English
     * operator's "Xinqiao"); it names the area as registered, {@code registeredAreaNames}.
     *
     * @param typedIn the language the values were typed for; null when unknown
     * @param registeredAreaNames the targeted areas' names as the area directory holds them; null
     *        to keep typed area values everywhere
     */
    public Map<String, Renditions.Sms> renderSmsByLanguage(
            String templateId,
            Integer version,
            Map<String, JsonNode> variables,
            String typedIn,
            String registeredAreaNames) {
        TemplateCatalogue.Version v = catalogue.version(templateId, version);
        Map<String, Renditions.Sms> out = new LinkedHashMap<>();
        for (TemplateDefinition.RenditionDefinition def : v.definition().renditions()) {
            if (def.channel() != Channel.SMS || out.containsKey(def.language())) {
                continue;
            }
            Map<String, JsonNode> values = def.language().equals(typedIn)
                    ? variables
                    : withAreaNames(v.definition(), variables, def.language(), registeredAreaNames);
            Variables.Checked checked = Variables.check(v.definition().variablesOrEmpty(), values, def.language());
            try {
                if (!checked.errors().isEmpty()) {
                    throw ProblemException.invalid(checked.errors());
                }
                out.put(def.language(), sms(v, def, checked.formatted()));
            } catch (ProblemException e) {
                throw inLanguage(def.language(), e);
            }
        }
        return out;
    }

    /**
     * The values with every area variable not written in {@code language}'s script replaced by the
     * registered names. Only Chinese is checked: area names are registered in Chinese, so an
     * English SMS may carry either.
     */
    private static Map<String, JsonNode> withAreaNames(
            TemplateDefinition d, Map<String, JsonNode> variables, String language, String registeredAreaNames) {
        if (variables == null
                || registeredAreaNames == null
                || registeredAreaNames.isBlank()
                || !language.startsWith("zh")) {
            return variables;
        }
        Map<String, JsonNode> out = new LinkedHashMap<>(variables);
        for (TemplateDefinition.VariableDefinition def : d.variablesOrEmpty()) {
            JsonNode typed = variables.get(def.name());
            if (def.type() == VariableType.AREA
                    && typed != null
                    && typed.isTextual()
                    && typed.asText()
                            .codePoints()
                            .noneMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN)) {
                out.put(def.name(), JsonNodeFactory.instance.textNode(registeredAreaNames));
            }
        }
        return out;
    }

    /** Renders free text: the signed SMS with its count, and the dialect script. Never evaluated as a template. */
    public Renditions renderText(String text, String language, String dialect) {
        return renderText(text, null, language, dialect);
    }

    /**
     * As {@link #renderText(String, String, String)}, with a key instruction the loudspeaker
     * repeats after the text as it repeats a template's (kept as written by the dialect guard).
     *
     * @param keyInstruction null or blank for none
     */
    public Renditions renderText(String text, String keyInstruction, String language, String dialect) {
        if (text == null || text.isBlank()) {
            throw ProblemException.badRequest("text", "is required");
        }
        String lang = Languages.requireWritten(language, "language");
        DialectProfile profile = dialects.resolve(dialect, lang);
        String key = keyInstruction == null || keyInstruction.isBlank() ? null : keyInstruction.strip();
        DialectProfile.Script script = profile.script(text, key, placeNames.names());
        return new Renditions(null, null, lang, null, sms(text.strip(), lang, null), loudspeaker(profile, script));
    }

    private Renditions.Loudspeaker loudspeaker(DialectProfile profile, DialectProfile.Script script) {
        return new Renditions.Loudspeaker(
                profile.id(),
                script.before(),
                script.after(),
                script.rewrites(),
                script.refusals(),
                SpokenText.of(script.after(), profile.language()));
    }

    /** The signed SMS of one rendition, counted, with the template's segment limit (not enforced here). */
    private Renditions.Sms sms(
            TemplateCatalogue.Version v, TemplateDefinition.RenditionDefinition def, Map<String, String> values) {
        String body = renderer.render(v.id() + "@" + v.version() + "/sms/" + def.language(), def.text(), values);
        return sms(body, def.language(), v.definition().smsSegmentLimit());
    }

    /** The same refusal, saying which language's SMS it is about. */
    private static ProblemException inLanguage(String language, ProblemException e) {
        Problem p = e.problem();
        String prefix = language + " SMS: ";
        if (p.errors().size() > 1) {
            return ProblemException.invalid(p.errors().stream()
                    .map(f -> new Problem.FieldError(f.field(), prefix + f.message()))
                    .toList());
        }
        return new ProblemException(
                p.field() == null
                        ? Problem.of(p.status(), p.title(), prefix + p.detail())
                        : Problem.forField(p.status(), p.title(), p.field(), prefix + p.detail()));
    }

    /** Marks staff may have typed themselves at the start of an exercise's text: 【演练】, [演习], 演练：, EXERCISE: ... */
    private static final java.util.regex.Pattern TYPED_EXERCISE_MARK = java.util.regex.Pattern.compile(
            "^(?:[【\\[](?:演练|演习|EXERCISE)[】\\]][：:]?|(?:演练|演习|EXERCISE)[：:])\\s*",
            java.util.regex.Pattern.CASE_INSENSITIVE);

    /**
     * The renditions of a CAP {@code exercise}: each SMS says it once, right after the signature
     * (演练： / EXERCISE:; carriers keep 【】 for the signature, so a mark staff typed as 【演练】 is
     * replaced, never doubled), and the loudspeaker script says 这是一次演练 / This is an exercise
     * at its start and at its end.
     */
    public Renditions asExercise(Renditions r) {
        // The mark may take a template's SMS one segment over its limit: sent and shown, never refused,
        // since a drill must say it is one.
        Renditions.Sms sms = exerciseSms(r.sms(), r.language());
        Renditions.Loudspeaker l = r.loudspeaker();
        String spokenLanguage = dialects.resolve(l.dialect(), r.language()).language();
        String frame = exerciseFrame(spokenLanguage);
        String opening = frame + (frame.endsWith("。") ? "" : " ");
        String closing = (frame.endsWith("。") ? "" : " ") + frame;
        int shift = opening.length();
        String after = opening + l.after() + closing;
        Renditions.Loudspeaker framed = new Renditions.Loudspeaker(
                l.dialect(),
                opening + l.before() + closing,
                after,
                l.rewrites().stream()
                        .map(w -> new Rewrite(w.position() + shift, w.outputPosition() + shift, w.from(), w.to()))
                        .toList(),
                l.refusals().stream()
                        .map(f -> new Refusal(f.position() + shift, f.from(), f.to(), f.reason()))
                        .toList(),
                l.spoken() == null ? null : SpokenText.of(after, spokenLanguage));
        return new Renditions(r.templateId(), r.templateVersion(), r.language(), r.cap(), sms, framed);
    }

    /** Free text without an exercise mark staff typed at its start (the exercise is marked by {@link #asExercise}). */
    public static String withoutTypedExerciseMark(String text) {
        return text == null ? null : TYPED_EXERCISE_MARK.matcher(text.strip()).replaceFirst("");
    }

    /** An exercise's SMS: the mark once, right after the signature; see {@link #asExercise}. */
    public Renditions.Sms exerciseSms(Renditions.Sms sms, String language) {
        String signature = signature(language);
        boolean start = config.sms().signaturePosition() == ComposeConfig.SignaturePosition.START;
        String body = sms.text();
        if (!signature.isBlank() && start && body.startsWith(signature)) {
            body = body.substring(signature.length()).stripLeading();
        } else if (!signature.isBlank() && !start && body.endsWith(signature)) {
            body = body.substring(0, body.length() - signature.length()).stripTrailing();
        }
        body = TYPED_EXERCISE_MARK.matcher(body).replaceFirst("");
        String mark = language.startsWith("zh") ? "演练：" : "EXERCISE: ";
        return sms(mark + body, language, sms.segmentLimit());
    }

    /** What the loudspeaker says before and after an exercise, in the language it speaks. */
    static String exerciseFrame(String spokenLanguage) {
        return spokenLanguage.startsWith("zh") ? "这是一次演练。" : "This is an exercise.";
    }

    /** Signs a follow-up SMS body (a retraction, a correction) as every rendition in {@code language} is signed. */
    public String signSms(String body, String language) {
        return sms(body, language, null).text();
    }

    private String signature(String language) {
        return ("en".equals(language)
                        ? config.sms().signatureEn()
                        : config.sms().signature())
                .orElse("");
    }

    private Renditions.Sms sms(String body, String language, Integer limit) {
        String signature = signature(language);
        // Chinese runs signature and text together; English needs a space between them.
        String gap = "en".equals(language) ? " " : "";
        boolean start = config.sms().signaturePosition() == ComposeConfig.SignaturePosition.START;
        // Staff often paste a text that is already signed: residents must read the signature once.
        boolean signed = start ? body.startsWith(signature) : body.endsWith(signature);
        String text = signature.isBlank() || signed ? body : start ? signature + gap + body : body + gap + signature;
        SmsCount count = SmsCounter.count(text);
        return new Renditions.Sms(
                text, count.encoding(), count.segments(), count.units(), limit, count.nonGsmCharacters());
    }

    private static TemplateDefinition.RenditionDefinition rendition(
            TemplateDefinition d, Channel channel, String lang) {
        return d.renditions().stream()
                .filter(r -> r.channel() == channel && r.language().equals(lang))
                .findFirst()
                .orElseThrow(() -> ProblemException.badRequest(
                        "language",
                        "template '" + d.id() + "' has no "
                                + channel.id() + " rendition in " + lang + "; it has "
                                + d.renditions().stream()
                                        .filter(r -> r.channel() == channel)
                                        .map(TemplateDefinition.RenditionDefinition::language)
                                        .toList()));
    }

    /** Names the longest value used in the SMS text: the one staff are most likely to shorten. */
    private static ProblemException overLimit(Renditions.Sms sms, String source, Map<String, String> values) {
        String detail = "the SMS is " + sms.segments() + " segments (" + sms.units() + " " + sms.encoding()
                + " units), over this template's limit of " + sms.segmentLimit();
        List<Map.Entry<String, String>> used = values.entrySet().stream()
                .filter(e -> !e.getValue().isEmpty() && source.contains("{" + e.getKey()))
                .sorted(Comparator.comparingInt(
                                (Map.Entry<String, String> e) -> e.getValue().length())
                        .reversed())
                .toList();
        if (used.isEmpty()) {
            return ProblemException.badRequest("sms", detail);
        }
        Map.Entry<String, String> longest = used.get(0);
        return ProblemException.badRequest(
                "variables." + longest.getKey(),
                detail + "; shorten this value (" + longest.getValue().length() + " characters)");
    }
}

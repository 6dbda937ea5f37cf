package dev.tocsin.compose.spoken;

import dev.tocsin.compose.dialect.DialectProfile;
import dev.tocsin.compose.dialect.DialectRegistry;
import dev.tocsin.compose.dialect.Lexicon;
import dev.tocsin.compose.dialect.Refusal;
import dev.tocsin.platform.problem.Problem;
import dev.tocsin.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * What will be said for a text in a profile (a dialect id: {@code mandarin}, {@code xiang-yiyang},
 * {@code en}...): the dialect's guarded rewrites (if it has a lexicon), then normalisation, then
 * for Chinese the syllables with their readings in citation tones.
 */
@ApplicationScoped
public class PronounceService {

    static final int MAX_TEXT = 2000;

    private final DialectRegistry dialects;
    private final PlaceNames placeNames;

    PronounceService(DialectRegistry dialects, PlaceNames placeNames) {
        this.dialects = dialects;
        this.placeNames = placeNames;
    }

    /**
     * @param syllables null for English; {@code refusals} lists dialect rules not applied;
     *        {@code highlights} the stretches read other than as written (see {@link SpokenText#annotate})
     */
    public record Pronunciation(
            String spoken, List<Readings.Syllable> syllables, List<Refusal> refusals, List<Highlight> highlights) {}

    /** @throws ProblemException 400 naming {@code text} or {@code profile} */
    public Pronunciation pronounce(String text, String profile) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (text == null || text.isBlank()) {
            errors.add(new Problem.FieldError("text", "is required"));
        } else if (text.length() > MAX_TEXT) {
            errors.add(new Problem.FieldError("text", "is " + text.length() + " characters; the limit is " + MAX_TEXT));
        }
        DialectProfile p = profile == null ? null : dialects.find(profile).orElse(null);
        if (p == null) {
            errors.add(new Problem.FieldError(
                    "profile",
                    (profile == null ? "is required" : "unknown profile '" + profile + "'") + "; known: "
                            + dialects.list().stream().map(DialectProfile::id).toList()));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        Lexicon.Result rewritten = p.lexicon().rewrite(text, new Lexicon.Protection(placeNames.names(), List.of()));
        SpokenText.Annotated a = SpokenText.annotate(rewritten.text(), p.language(), rewritten.rewrites());
        return new Pronunciation(
                a.spoken(), p.language().startsWith("en") ? null : a.syllables(), rewritten.refusals(), a.highlights());
    }
}

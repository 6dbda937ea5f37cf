package dev.tocsin.audio;

import static dev.tocsin.testing.Staff.admin;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every sentence of src/test/resources/pronounce-corpus.tsv (expected values written by hand)
 * through POST /api/audio/pronounce: the spoken text and, for Chinese, the pinyin of every
 * syllable. All mismatches are reported together.
 */
@org.junit.jupiter.api.Tag(dev.tocsin.testing.Tags.H2_ONLY)
@QuarkusTest
class PronounceCorpusTest {

    record Line(int number, String profile, String text, String spoken, String pinyin) {}

    static List<Line> corpus() throws IOException {
        try (InputStream in = PronounceCorpusTest.class.getResourceAsStream("/pronounce-corpus.tsv")) {
            List<Line> lines = new ArrayList<>();
            List<String> raw = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .toList();
            for (int i = 0; i < raw.size(); i++) {
                String l = raw.get(i);
                if (l.isBlank() || l.startsWith("#")) {
                    continue;
                }
                String[] c = l.split("\t");
                assertThat(c).as("line %d has four columns", i + 1).hasSize(4);
                lines.add(new Line(i + 1, c[0], c[1], c[2].equals("=") ? c[1] : c[2], c[3]));
            }
            return lines;
        }
    }

    @Test
    void theCorpusHasAtLeastTwoHundredSentencesInEveryProfile() throws IOException {
        List<Line> corpus = corpus();
        assertThat(corpus).hasSizeGreaterThanOrEqualTo(200);
        assertThat(corpus).extracting(Line::profile).contains("mandarin", "xiang-yiyang", "en");
    }

    @Test
    void everySentenceIsSaidAsExpected() throws IOException {
        List<String> wrong = new ArrayList<>();
        for (Line line : corpus()) {
            JsonPath r = admin().contentType(ContentType.JSON)
                    .body(Map.of("text", line.text(), "profile", line.profile()))
                    .post("/api/audio/pronounce")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            String spoken = r.getString("spoken");
            if (!spoken.equals(line.spoken())) {
                wrong.add(line.number() + " " + line.text() + "\n   spoken   " + spoken + "\n   expected "
                        + line.spoken());
            }
            if (!line.profile().equals("en")) {
                String pinyin = String.join(" ", r.<String>getList("syllables.pinyin"));
                if (!pinyin.equals(line.pinyin())) {
                    wrong.add(line.number() + " " + line.text() + "\n   pinyin   " + pinyin + "\n   expected "
                            + line.pinyin());
                }
            }
        }
        assertThat(wrong).as(String.join("\n", wrong)).isEmpty();
    }
}

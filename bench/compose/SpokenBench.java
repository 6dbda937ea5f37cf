import dev.tocsin.audio.speech.MandarinPinyin;
import dev.tocsin.compose.dialect.DialectProfile;
import dev.tocsin.compose.dialect.DialectRegistry;
import dev.tocsin.compose.spoken.ChineseNormalizer;
import dev.tocsin.compose.spoken.EnglishNormalizer;
import dev.tocsin.compose.spoken.Readings;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * What the loudspeaker says, for a 500-character notice: normalisation, readings by word,
 * espeak-ng's pinyin input, and the guarded Xiang rewrite. Single thread, warm. Run from the
 * repository root after `./mvnw -q compile` (classpath as in ComposeBench):
 *
 *   java -cp "target/classes:$(cat target/bench.cp)" bench/compose/SpokenBench.java
 */
public class SpokenBench {

    static final String NOTICE = "各位居民朋友：区气象台2027年2月5日16:30发布寒潮蓝色预警（Ⅳ级）。受强冷空气影响，"
            + "2月6日20时至8日8时，我区将出现寒潮天气，气温将下降8～10℃，最低气温-3℃至-5℃，北风4-5级，阵风7级，"
            + "长春镇、茈湖口镇等地道路结冰，桥面可能出现薄冰。请大家注意防寒保暖，尽量减少外出；行人注意防滑，"
            + "驾车出行要减速慢行。用炭火取暖要开窗通风，睡觉前一定要熄灭炭火，谨防一氧化碳中毒。发现有人中毒，"
            + "立即开窗通风，将中毒人员转移到室外，严重的马上拨打120。老人和小孩注意防止着凉，及时更换破损的水管，"
            + "检查供暖设施。农户要做好大棚加固，牲畜要转移到背风处。全区已准备棉被2000床、矿泉水300箱，"
            + "设置应急避难场所15处，可安置群众1300余人。要不要撤离，听从村干部指挥，非常时期请留在家中。"
            + "发生火灾请立即拨打119，求助电话12345，区应急管理局值班电话0737-4221234，联系人手机13807371234。"
            + "相对湿度低于30%，降雪量可达5毫米，积雪深度3cm，风速达到17.2m/s。寒潮将持续3天，12月10日起气温回升2～4℃。"
            + "乡长、村长要落实24小时值班，调查并处理险情，重新检查电器线路，为了您的安全，请遵守规定。"
            + "没事不要外出，小孩子不要玩火，今天很冷，晚上睡觉要开窗通风，不要在密闭房间内烧炭取暖。请大家相互转告。";

    public static void main(String[] args) {
        System.out.println("notice: " + NOTICE.length() + " characters");
        DialectProfile xiang = DialectRegistry.load(Path.of("audio-templates/dialects")).stream()
                .filter(p -> p.id().equals("xiang-yiyang")).findFirst().orElseThrow();
        String english = "Cold wave blue warning (level IV) from 20:00 on 6 February 2027: lows of -3C to -5C, "
                + "winds force 4-5, 1300 households moved. Call 119 for fire, 120 for ambulance, hotline 12345, "
                + "duty phone 0737-4221234.";
        run("Chinese normalisation (500 chars)", 2_000, () -> ChineseNormalizer.normalize(NOTICE));
        run("normalisation + readings (500 chars)", 2_000, () -> Readings.of(ChineseNormalizer.normalize(NOTICE)));
        run("espeak-ng pinyin input, with sandhi", 2_000, () -> MandarinPinyin.toPinyin(NOTICE));
        run("Xiang guarded rewrite (500 chars)", 1_000, () -> xiang.lexicon().rewrite(NOTICE));
        run("English normalisation (200 chars)", 20_000, () -> EnglishNormalizer.normalize(english));
    }

    private static void run(String name, int iterations, Runnable task) {
        for (int i = 0; i < iterations; i++) {
            task.run();
        }
        long[] times = new long[iterations];
        for (int i = 0; i < iterations; i++) {
            long t = System.nanoTime();
            task.run();
            times[i] = System.nanoTime() - t;
        }
        Arrays.sort(times);
        double mean = Arrays.stream(times).average().orElse(0) / 1e6;
        System.out.printf("%-40s mean %7.3f ms  p50 %7.3f ms  p99 %7.3f ms%n", name, mean, times[iterations / 2] / 1e6,
                times[iterations * 99 / 100] / 1e6);
    }
}

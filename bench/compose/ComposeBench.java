import dev.tocsin.compose.calendar.LunarCalendar;
import dev.tocsin.compose.calendar.SolarTerm;
import dev.tocsin.compose.calendar.SolarTerms;
import dev.tocsin.compose.dialect.DialectProfile;
import dev.tocsin.compose.dialect.DialectRegistry;
import dev.tocsin.compose.sms.SmsCounter;
import dev.tocsin.compose.template.TemplateRenderer;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;

/**
 * Throughput of the composition building blocks, single thread. Run from the repository root
 * after `./mvnw -q compile`:
 *
 *   java -cp "target/classes:$(cat target/bench.cp)" bench/compose/ComposeBench.java
 *
 * (target/bench.cp: `./mvnw -q dependency:build-classpath -Dmdep.outputFile=target/bench.cp`).
 */
public class ComposeBench {

    public static void main(String[] args) {
        String sms = "【资阳区应急管理局】1月20日至25日新桥河镇有寒潮冻雨，最低气温-5℃，路面结冰。请减少外出，出行防滑慢行；"
                + "烤火取暖要开窗通风，谨防一氧化碳中毒。求助电话12345。🔥";
        DialectProfile xiang = DialectRegistry.load(Path.of("audio-templates/dialects")).stream()
                .filter(p -> p.id().equals("xiang-yiyang")).findFirst().orElseThrow();
        String body = "1月20日至25日，新桥河镇有寒潮冻雨，最低气温-5℃。天寒地冻路面滑，没事尽量少出门，出行时刻记安全；"
                + "老人孩子要保暖，水管电线勤查看；烤火记得开门窗，一氧化碳要严防。有困难请打12345。";
        TemplateRenderer renderer = new TemplateRenderer();
        String template = "{period}{area}有寒潮冻雨，最低气温{lowTemperature}，路面结冰。请减少外出，出行防滑慢行。求助电话{hotline}。";
        Map<String, String> values = Map.of("period", "1月20日至25日", "area", "新桥河镇", "lowTemperature", "-5℃",
                "hotline", "12345");

        run("SMS count (86-char Chinese + emoji)", 200_000, () -> SmsCounter.count(sms));
        run("Xiang script + lexicon (120 chars)", 100_000, () -> xiang.script(body, "烤火记得开门窗，一氧化碳要严防。"));
        run("Qute render, compiled once", 200_000, () -> renderer.render("bench@1/sms/zh-CN", template, values));
        run("Gregorian -> lunar date", 200_000, () -> LunarCalendar.toLunar(LocalDate.of(2027, 2, 6)));
        run("Solar term moment (Qingming)", 20_000, () -> SolarTerms.moment(2027, SolarTerm.QINGMING));
    }

    private static void run(String name, int iterations, Runnable task) {
        for (int i = 0; i < iterations / 5; i++) {
            task.run();
        }
        long start = System.nanoTime();
        for (int i = 0; i < iterations; i++) {
            task.run();
        }
        double micros = (System.nanoTime() - start) / 1000.0 / iterations;
        System.out.printf("%-40s %10.2f µs/op %12.0f ops/s%n", name, micros, 1_000_000 / micros);
    }
}

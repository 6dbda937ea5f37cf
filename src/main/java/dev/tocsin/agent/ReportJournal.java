package dev.tocsin.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Reports waiting for delivery, one small file each in {@code reports/}, named by a sequence
 * number so they are sent in the order they happened. A file is written (to a temporary name,
 * then moved) before anything else learns of the report, and deleted only after the server
 * answered 2xx, so neither a network cut nor a restart loses one; the server treats a repeat as
 * a duplicate, so sending one twice after a crash is harmless.
 */
final class ReportJournal {

    interface Sender {
        void send(List<Report> batch) throws IOException, InterruptedException;
    }

    private static final Logger LOG = Logger.getLogger(ReportJournal.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BATCH = 200;

    private final Path dir;
    private long next;

    ReportJournal(Path dir) throws IOException {
        this.dir = Files.createDirectories(dir);
        this.next = files().stream().mapToLong(ReportJournal::seq).max().orElse(0) + 1;
    }

    synchronized void add(Report r) throws IOException {
        String name = String.format("%015d.json", next++);
        Path tmp = dir.resolve(name + ".tmp");
        Files.write(
                tmp,
                JSON.writeValueAsBytes(JSON.createObjectNode()
                        .put("playId", r.playId())
                        .put("status", r.status())
                        .put("at", r.at().toString())
                        .put("reason", r.reason())));
        Files.move(tmp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    synchronized int pending() throws IOException {
        return files().size();
    }

    /**
     * Sends what is waiting, oldest first, in batches. Returns how many were delivered; stops at
     * the first network failure (the rest stay for the next try).
     */
    synchronized int deliver(Sender sender) throws IOException, InterruptedException {
        int delivered = 0;
        List<Path> waiting = files();
        for (int i = 0; i < waiting.size(); i += MAX_BATCH) {
            List<Path> batch = waiting.subList(i, Math.min(waiting.size(), i + MAX_BATCH));
            try {
                sender.send(read(batch));
                delivered += batch.size();
            } catch (DeviceClient.Refused refused) {
                // One bad report must not hold back the others: send them singly, drop what is refused.
                for (Path p : batch) {
                    try {
                        sender.send(read(List.of(p)));
                        delivered++;
                    } catch (DeviceClient.Refused one) {
                        LOG.warning("report " + p.getFileName() + " dropped: " + one.getMessage());
                    }
                    Files.delete(p);
                }
                continue;
            }
            for (Path p : batch) {
                Files.delete(p);
            }
        }
        return delivered;
    }

    private List<Report> read(List<Path> batch) throws IOException {
        List<Report> out = new ArrayList<>();
        for (Path p : batch) {
            JsonNode n = JSON.readTree(p.toFile());
            out.add(new Report(
                    n.get("playId").asLong(),
                    n.get("status").asText(),
                    Instant.parse(n.get("at").asText()),
                    n.hasNonNull("reason") ? n.get("reason").asText() : null));
        }
        return out;
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".json"))
                    .sorted()
                    .toList();
        }
    }

    private static long seq(Path p) {
        String n = p.getFileName().toString();
        return Long.parseLong(n.substring(0, n.indexOf('.')));
    }
}

package dev.tocsin.audio.speech;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The engines of this instance, by id, with their status as detected at start-up. */
public final class SpeechEngines {

    private final Map<String, SpeechEngine> engines;

    public SpeechEngines(List<SpeechEngine> engines) {
        this.engines = engines.stream().collect(Collectors.toUnmodifiableMap(SpeechEngine::id, Function.identity()));
    }

    public Optional<SpeechEngine> get(String id) {
        return Optional.ofNullable(engines.get(id));
    }

    /** The first available engine of a preference list. */
    public Optional<SpeechEngine> firstAvailable(List<String> order) {
        return order.stream()
                .map(engines::get)
                .filter(e -> e != null && e.status().available())
                .findFirst();
    }

    public List<EngineStatus> statuses() {
        return engines.values().stream()
                .map(SpeechEngine::status)
                .sorted(java.util.Comparator.comparing(EngineStatus::id))
                .toList();
    }
}

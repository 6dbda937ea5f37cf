package dev.tocsin.audio.speech;

/** What the engine listing shows: available with a version, or unavailable with the reason. */
public record EngineStatus(String id, boolean available, String version, String detail) {

    public static EngineStatus available(String id, String version) {
        return new EngineStatus(id, true, version, "ready");
    }

    public static EngineStatus unavailable(String id, String reason) {
        return new EngineStatus(id, false, null, reason);
    }
}

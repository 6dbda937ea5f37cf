package dev.tocsin.console;

/** Where the browser fetches a rendered programme: the public audio API, same origin. */
final class AudioUrls {

    private AudioUrls() {}

    static String mp3(String key) {
        return "/api/audio/" + key + ".mp3";
    }

    static String wav(String key) {
        return "/api/audio/" + key + ".wav";
    }
}

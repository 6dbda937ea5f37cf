package dev.tocsin.console;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * Console texts of the local-voice recordings: the recordings page, the phrase-bank pages, the
 * recorder and the loudspeaker-audio choice of the compose form. English here, Chinese in
 * {@code messages/rec_zh_CN.properties}; templates read them as {@code {rec:key}}. A bundle of its
 * own so that no bundle passes 300 messages (see {@link SpokenMessages}).
 */
@MessageBundle(value = "rec", locale = "en")
public interface RecordingMessages {

    @Message("Recordings")
    String nav();

    @Message("Local voices: recordings")
    String title();

    @Message(
            "A notice recorded by staff in the local voice can be a broadcast's loudspeaker audio instead of synthesized speech. Record with the microphone or choose a file, listen to the cleaned and mastered result, then save it.")
    String intro();

    @Message("Phrase banks")
    String banks();

    @Message("Record a phrase or slot of a bank for the programmes assembled from recordings.")
    String banksHint();

    @Message("{count} entries, {recorded} recorded in the console")
    String bankCounts(int count, int recorded);

    @Message("New notice recording")
    String newNotice();

    @Message("Label (for staff)")
    String label();

    @Message("e.g. Cold wave night warning, Party secretary Li")
    String labelHint();

    @Message("Record")
    String record();

    @Message("Stop")
    String stop();

    @Message("Or choose an audio file")
    String chooseFile();

    @Message("Recording… speak now")
    String recording();

    @Message("Cleaning and mastering…")
    String mastering();

    @Message("Listen to the mastered result before saving.")
    String listen();

    @Message("Duration {seconds} s · loudness {lufs} LUFS · true peak {peak} dBTP")
    String measured(String seconds, String lufs, String peak);

    @Message("Save")
    String save();

    @Message("Saving…")
    String saving();

    @Message("The microphone cannot be used: {reason}")
    String noMicrophone(String reason);

    @Message("This browser cannot decode the audio; choose a WAV, MP3 or FLAC file.")
    String undecodable();

    @Message("Refused")
    String refused();

    @Message("Notice recordings")
    String notices();

    @Message("No notice recordings yet.")
    String none();

    @Message("Label")
    String colLabel();

    @Message("Duration")
    String colDuration();

    @Message("Loudness")
    String colLoudness();

    @Message("Recorded")
    String colRecorded();

    @Message("Listen")
    String colListen();

    @Message("Delete")
    String delete();

    @Message("{by}, {at}")
    String byAt(String by, String at);

    @Message("{seconds} s")
    String seconds(String seconds);

    @Message("{lufs} LUFS")
    String lufs(String lufs);

    @Message("Saved: {label}.")
    String saved(String label);

    @Message("Deleted: {label}.")
    String deleted(String label);

    @Message("Phrase bank {bank}")
    String bankTitle(String bank);

    @Message(
            "Every phrase and slot of the bank. A console recording replaces the packaged clip; recording again makes a new version, and the newest is spoken.")
    String bankIntro();

    @Message("Text")
    String colText();

    @Message("Kind")
    String colKind();

    @Message("Status")
    String colStatus();

    @Message("{#if kind == 'slot'}slot{#else}phrase{/if}")
    String kind(String kind);

    @Message("recorded by {by}, {at}, version {version}")
    String recordedBy(String by, String at, int version);

    @Message("packaged clip (placeholder)")
    String packaged();

    @Message("recorded in the console, not in the packaged bank")
    String consoleOnly();

    @Message("Record / replace")
    String replace();

    @Message("Add a phrase or slot")
    String addEntry();

    @Message("Text the recording says")
    String entryText();

    @Message("Back to recordings")
    String back();

    @Message("Loudspeaker audio")
    String composeAudio();

    @Message("Synthesized from the text")
    String composeSynthesized();

    @Message("Recording: {label} ({seconds} s)")
    String composeRecording(String label, String seconds);

    @Message("The loudspeakers play this recording between the chimes; the SMS stays the text.")
    String composeAudioHint();

    @Message("Loudspeakers play the recording")
    String broadcastRecording();

    @Message("{label}, recorded by {by}")
    String broadcastRecordingLine(String label, String by);

    @Message("No phrase bank {bank}")
    String noBank(String bank);
}

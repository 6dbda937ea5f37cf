package dev.tocsin.recording;

import dev.tocsin.audio.dsp.Pcm;
import dev.tocsin.audio.speech.PhraseBank;
import dev.tocsin.audio.speech.PhraseOverlay;
import dev.tocsin.compose.spoken.SpokenText;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.Collectors;

/**
 * The staff's phrase and slot recordings laid over the packaged bank: the newest version of
 * each wins. The recordings' ids make the overlay's fingerprint, so a new take or a deletion
 * changes every render key that used the bank, and programmes already approved keep theirs.
 */
@ApplicationScoped
public class BankRecordings implements PhraseOverlay {

    /** Recordings keep 0.1 s of room at each end; inside a programme the renderer sets the gaps. */
    private static final double TRIM_DBFS = -45;

    private record Built(String fingerprint, PhraseBank bank) {}

    private final RecordingService recordings;
    private final ConcurrentMap<String, Built> built = new ConcurrentHashMap<>();

    BankRecordings(RecordingService recordings) {
        this.recordings = recordings;
    }

    @Override
    @Transactional
    public PhraseBank apply(PhraseBank packaged) {
        List<VoiceRecording> current = recordings.current(packaged.id());
        if (current.isEmpty()) {
            return packaged;
        }
        String fingerprint = packaged.fingerprint() + ":"
                + current.stream().map(r -> String.valueOf(r.id)).collect(Collectors.joining(","));
        Built b = built.get(packaged.id());
        if (b != null && b.fingerprint().equals(fingerprint)) {
            return b.bank();
        }
        List<PhraseBank.Clip> clips = current.stream()
                .map(r -> new PhraseBank.Clip(
                        // The bank is matched against what is said: 119 is heard as 幺幺九.
                        SpokenText.auto(r.phrase),
                        r.kind == RecordingKind.SLOT ? PhraseBank.Kind.SLOT : PhraseBank.Kind.PHRASE,
                        tight(recordings.audio(r)),
                        "recording:" + r.id))
                .toList();
        PhraseBank bank = packaged.withClips(clips, fingerprint);
        built.put(packaged.id(), new Built(fingerprint, bank));
        return bank;
    }

    private static Pcm tight(Pcm clip) {
        Pcm trimmed = clip.trim(TRIM_DBFS);
        return trimmed.length() == 0 ? clip : trimmed.fade(0.005, 0.005);
    }
}

package dev.tocsin.paging;

import dev.tocsin.loudspeaker.PagingKind;
import dev.tocsin.loudspeaker.PlayPriority;

/** One claimed play to deliver: where to, what audio, which attempt. The password is still sealed. */
record PagedCall(
        long playId,
        String terminalCode,
        PagingKind kind,
        String sipUri,
        String sipUsername,
        String sealedPassword,
        String multicastGroup,
        Integer multicastTtl,
        String codec,
        String audioKey,
        int attempt,
        PlayPriority priority) {}

package dev.tocsin.console;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * Console texts of the review loop (approval comments, revising a rejected broadcast), as
 * {@code {review:key}}; Chinese in {@code messages/review_zh_CN.properties}. A bundle of its own
 * because Qute 3.33 generates unverifiable bytecode for a bundle of more than about 300 messages
 * (quarkusio/quarkus#55584): {@link ConsoleMessages} is at that size, so new texts go to a
 * bundle per feature.
 */
@MessageBundle(value = "review", locale = "en")
public interface ReviewMessages {

    @Message("Comment for the timeline (optional)")
    String approveComment();

    @Message("revision of broadcast {id}")
    String reviseOf(Long id);

    @Message(
            "The approver rejected it. Change what is needed; submitting sends the same broadcast back for approval. Reason given:")
    String rejectedBecause();

    @Message("Revise and submit again")
    String revise();
}

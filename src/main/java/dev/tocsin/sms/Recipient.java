package dev.tocsin.sms;

/** One resident to text: who, which number, which language's body. */
public record Recipient(long residentId, String phone, String language) {}

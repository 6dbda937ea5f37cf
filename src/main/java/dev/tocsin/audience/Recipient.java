package dev.tocsin.audience;

/** One resident to text: who, which number, which language's body (audience selects, SMS sends). */
public record Recipient(long residentId, String phone, String language) {}

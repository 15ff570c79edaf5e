package io.tai2.config;

/** The three OKX API credentials; all three or none. {@code toString} masks them. */
public record OkxCredentials(Secret apiKey, Secret secretKey, Secret passphrase) {}

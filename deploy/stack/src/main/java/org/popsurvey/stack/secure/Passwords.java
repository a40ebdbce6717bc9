package org.popsurvey.stack.secure;

import java.security.SecureRandom;

/** Passwords generated for each secured stack: letters and digits only, so no file format needs quoting. */
final class Passwords {

    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    /** 24 symbols of a 57-letter alphabet: about 140 bits. */
    private static final int LENGTH = 24;

    private static final SecureRandom RANDOM = new SecureRandom();

    private Passwords() {}

    static String generate() {
        StringBuilder password = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            password.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }
}

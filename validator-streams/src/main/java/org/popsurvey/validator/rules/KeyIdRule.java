package org.popsurvey.validator.rules;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.popsurvey.deadletter.CellText;
import org.popsurvey.deadletter.ErrorCode;
import org.popsurvey.deadletter.Violation;

/**
 * {@code KEY_ID_MISMATCH}: the record key is the Id cell's exact text, as the producer writes it.
 * The re-send check keeps its state per partition, so it is only sound if every row of one Id is
 * keyed (and therefore partitioned) the same way.
 */
final class KeyIdRule {

    /** Bytes of a non-text key shown in hex (the dead letter keeps the whole key). */
    static final int KEY_BYTES_SHOWN = 64;

    void check(byte[] key, String idCell, Violations violations) {
        if (idCell == null) {
            return; // no Id cell: CELL_COUNT_MISMATCH says so
        }
        if (key == null) {
            violations.add(new Violation(
                    ErrorCode.KEY_ID_MISMATCH,
                    "key",
                    null,
                    "the record has no key; the producer keys each row by its Id text " + CellText.quote(idCell)));
            return;
        }
        if (Arrays.equals(key, idCell.getBytes(StandardCharsets.UTF_8))) {
            return; // the usual case, without decoding
        }
        String keyText;
        try {
            keyText = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(key))
                    .toString();
        } catch (CharacterCodingException e) {
            String hex = HexFormat.of().formatHex(key, 0, Math.min(key.length, KEY_BYTES_SHOWN))
                    + (key.length > KEY_BYTES_SHOWN ? "... (" + key.length + " bytes)" : "");
            violations.add(new Violation(
                    ErrorCode.KEY_ID_MISMATCH,
                    "key",
                    hex,
                    "the record key is not UTF-8 text (hex " + hex + "); expected the Id text "
                            + CellText.quote(idCell)));
            return;
        }
        if (!keyText.equals(idCell)) {
            violations.add(new Violation(
                    ErrorCode.KEY_ID_MISMATCH,
                    "key",
                    keyText,
                    "the record key " + CellText.quote(keyText) + " is not the Id cell's text "
                            + CellText.quote(idCell)));
        }
    }
}

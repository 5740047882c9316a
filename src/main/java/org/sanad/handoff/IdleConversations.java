package org.sanad.handoff;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/** Every sweep interval, conversations silent for a day close by themselves, and both sides are told. */
@Component
class IdleConversations implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(IdleConversations.class);

    private final Handoff handoff;
    private final HandoffProperties properties;
    private volatile ScheduledExecutorService sweeper;

    IdleConversations(Handoff handoff, HandoffProperties properties) {
        this.handoff = handoff;
        this.properties = properties;
    }

    @Override
    public void start() {
        ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread sweeping = new Thread(runnable, "handoff-idle-sweep");
            sweeping.setDaemon(true);
            return sweeping;
        });
        long every = properties.sweepInterval().toMillis();
        thread.scheduleWithFixedDelay(this::sweep, every, every, TimeUnit.MILLISECONDS);
        sweeper = thread;
    }

    private void sweep() {
        try {
            handoff.closeIdle();
        } catch (RuntimeException e) {
            log.warn("Could not close idle conversations ({}); trying again later", e.getClass().getSimpleName());
        }
    }

    @Override
    public void stop() {
        ScheduledExecutorService thread = sweeper;
        sweeper = null;
        if (thread != null) {
            thread.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return sweeper != null;
    }
}

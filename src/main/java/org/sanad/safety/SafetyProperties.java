package org.sanad.safety;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Phone numbers offered in urgent and crisis replies.
 *
 * @param emergencyPhone the local ambulance or emergency number ({@code EMERGENCY_PHONE}); blank: none is given
 * @param crisisPhone    a crisis line for caregivers in distress ({@code CRISIS_PHONE}); blank: none is given
 */
@ConfigurationProperties("sanad.safety")
public record SafetyProperties(@DefaultValue("") String emergencyPhone, @DefaultValue("") String crisisPhone) {
}

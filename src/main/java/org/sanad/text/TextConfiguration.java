package org.sanad.text;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** One reader of messages for the whole application, over the bundled word lists. */
@Configuration(proxyBeanMethods = false)
class TextConfiguration {

    @Bean
    TextReader textReader() {
        return new TextReader(LanguageResources.bundled());
    }
}

package org.sanad;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class SanadApplication {

    public static void main(String[] args) {
        SpringApplication.run(SanadApplication.class, args);
    }
}

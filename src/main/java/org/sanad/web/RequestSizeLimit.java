package org.sanad.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses API bodies far beyond any real question (4,096 characters of Arabic is under 20 KB of JSON) before
 * they are read, so a 2 MB upload costs nothing.
 */
@Component
class RequestSizeLimit extends OncePerRequestFilter {

    static final long MAX_BODY_BYTES = 64 * 1024;
    static final String TOO_LARGE = "the request is too large: send at most 4096 characters of text";

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > MAX_BODY_BYTES) {
            response.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
            response.setContentType("application/json");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.getWriter().write("{\"error\":\"" + TOO_LARGE + "\"}");
            return;
        }
        chain.doFilter(new BoundedBodyRequest(request, MAX_BODY_BYTES), response);
    }
}

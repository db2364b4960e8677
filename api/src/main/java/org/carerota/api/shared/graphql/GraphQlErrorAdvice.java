package org.carerota.api.shared.graphql;

import java.util.Map;

import jakarta.validation.ConstraintViolationException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.graphql.data.method.annotation.GraphQlExceptionHandler;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.bind.annotation.ControllerAdvice;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.schema.DataFetchingEnvironment;

/**
 * Maps exceptions to GraphQL errors with stable codes. Messages never carry SQL, stack traces or
 * class names; anything unexpected stays Spring's opaque INTERNAL_ERROR, logged here.
 */
@ControllerAdvice
class GraphQlErrorAdvice {

    private static final Logger log = LoggerFactory.getLogger(GraphQlErrorAdvice.class);

    @GraphQlExceptionHandler
    GraphQLError notFound(NotFoundException e, DataFetchingEnvironment env) {
        return error(env, ErrorType.NOT_FOUND, ErrorCode.NOT_FOUND, e.getMessage());
    }

    @GraphQlExceptionHandler
    GraphQLError forbidden(AccessDeniedException e, DataFetchingEnvironment env) {
        return error(env, ErrorType.FORBIDDEN, ErrorCode.FORBIDDEN, "You may not do this");
    }

    @GraphQlExceptionHandler
    GraphQLError unauthorized(AuthenticationException e, DataFetchingEnvironment env) {
        return error(env, ErrorType.UNAUTHORIZED, ErrorCode.UNAUTHORIZED, "Sign in first");
    }

    @GraphQlExceptionHandler
    GraphQLError invalid(IllegalArgumentException e, DataFetchingEnvironment env) {
        return error(env, ErrorType.BAD_REQUEST, ErrorCode.INVALID_INPUT, e.getMessage());
    }

    @GraphQlExceptionHandler
    GraphQLError invalid(ConstraintViolationException e, DataFetchingEnvironment env) {
        return error(env, ErrorType.BAD_REQUEST, ErrorCode.INVALID_INPUT, e.getMessage());
    }

    @GraphQlExceptionHandler
    GraphQLError stale(OptimisticLockingFailureException e, DataFetchingEnvironment env) {
        return error(
                env,
                ErrorType.BAD_REQUEST,
                ErrorCode.STALE_VERSION,
                "The record was changed by someone else; reload it and try again");
    }

    @GraphQlExceptionHandler
    GraphQLError conflict(DataIntegrityViolationException e, DataFetchingEnvironment env) {
        log.info("Integrity violation at {}: {}", env.getExecutionStepInfo().getPath(), e.getMessage());
        return error(
                env,
                ErrorType.BAD_REQUEST,
                ErrorCode.CONFLICT,
                "The change conflicts with existing data (a duplicate or a missing reference)");
    }

    private static GraphQLError error(DataFetchingEnvironment env, ErrorType type, ErrorCode code, String message) {
        return GraphqlErrorBuilder.newError(env)
                .errorType(type)
                .message(message)
                .extensions(Map.of("code", code.name()))
                .build();
    }
}

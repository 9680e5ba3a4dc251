import { Catch } from '@nestjs/common';
import type { GqlExceptionFilter } from '@nestjs/graphql';
import { GraphQLError } from 'graphql';
import { DomainError } from '@kim/core';

/** Domain errors and refusals are answers, not faults: hand them to the client with their code, unlogged. */
@Catch(DomainError, GraphQLError)
export class DomainErrorFilter implements GqlExceptionFilter {
  catch(error: DomainError | GraphQLError): GraphQLError {
    if (error instanceof GraphQLError) return error;
    return new GraphQLError(error.message, { extensions: { code: error.code, ...error.details } });
  }
}

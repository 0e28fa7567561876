-- An execution that ran to the end past a step with onError "continue" that failed (Divergência).
ALTER TYPE "ExecutionStatus" ADD VALUE 'diverged';

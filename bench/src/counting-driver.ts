import type { Driver, ManagedTransaction, Session, Transaction } from "neo4j-driver";

/** Statements sent to Neo4j: what the benchmark calls a round trip. */
export interface StatementCounter {
  statements: number;
}

/**
 * The same driver, seen through a proxy that counts every statement run
 * through it: `executeQuery`, `session.run`, and `run` on the transactions of
 * `executeRead`, `executeWrite` and `beginTransaction`. kmgraph counts its own
 * statements (Database.observe); `@neo4j/graphql` gets this proxy instead, so
 * both are counted at the same place: one `run` is one statement.
 */
export function countingDriver(driver: Driver, counter: StatementCounter): Driver {
  return new Proxy(driver, {
    get(target, property) {
      if (property === "session") {
        return (...args: Parameters<Driver["session"]>) => countingSession(target.session(...args), counter);
      }
      if (property === "executeQuery") {
        return (...args: Parameters<Driver["executeQuery"]>) => {
          counter.statements += 1;
          return target.executeQuery(...args);
        };
      }
      return bound(Reflect.get(target, property), target);
    },
  });
}

function countingSession(session: Session, counter: StatementCounter): Session {
  return new Proxy(session, {
    get(target, property) {
      switch (property) {
        case "run":
          return (...args: Parameters<Session["run"]>) => {
            counter.statements += 1;
            return target.run(...args);
          };
        case "executeRead":
        case "executeWrite":
          return <T>(
            work: (tx: ManagedTransaction) => Promise<T> | T,
            config?: Parameters<Session["executeRead"]>[1],
          ) => target[property]((tx) => work(countingTransaction(tx, counter)), config);
        case "beginTransaction":
          return (...args: Parameters<Session["beginTransaction"]>) =>
            countingTransaction(target.beginTransaction(...args), counter);
        default:
          return bound(Reflect.get(target, property), target);
      }
    },
  });
}

function countingTransaction<T extends ManagedTransaction | Transaction>(tx: T, counter: StatementCounter): T {
  return new Proxy(tx, {
    get(target, property) {
      if (property === "run") {
        return (...args: Parameters<T["run"]>) => {
          counter.statements += 1;
          return (target.run as (...a: Parameters<T["run"]>) => ReturnType<T["run"]>)(...args);
        };
      }
      return bound(Reflect.get(target, property), target);
    },
  });
}

/** Methods read through a proxy must still run on the real object (private fields). */
function bound(value: unknown, target: object): unknown {
  return typeof value === "function" ? value.bind(target) : value;
}

import { char, customType, timestamp } from "drizzle-orm/mysql-core";

export const cuid = (name: string) => char(name, { length: 24 });

// Getters hand every table fresh builder objects, so no two tables share one column instance.
export const workspaceID = {
  get id() {
    return cuid("id").notNull();
  },
  get workspaceID() {
    return cuid("workspace_id").notNull();
  },
};

export const timestamps = {
  get timeCreated() { // expect: column-default-mismatch
    return timestamp("time_created").notNull().defaultNow();
  },
};

// A generic helper that builds its custom type inline.
export const blob = <TData>(name: string) =>
  customType<{ data: TData; driverData: string }>({
    dataType() {
      return "longtext";
    },
    toDriver(value: TData) {
      return JSON.stringify(value);
    },
  })(name);

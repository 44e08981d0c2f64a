import { and, eq, isNull } from "drizzle-orm";
import { db } from "./db";
import { meetings } from "./db/schema";

export async function upcomingMeetings(userId: string) {
  return db
    .select()
    .from(meetings)
    .where(and(eq(meetings.userId, userId), isNull(meetings.deletedAt)));
}

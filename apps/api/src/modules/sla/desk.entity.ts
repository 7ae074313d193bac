import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm'
import type { DeskCode } from '../../graphql/enums.js'

/** A support desk (policy.md section 5). Its hours and holidays are in DeskHours and DeskHoliday. */
@Entity('desks')
export class Desk {
  @PrimaryColumn({ type: 'text' }) code!: DeskCode
  /** For the audit trail, whose entity ids are uuids. */
  @Column({ type: 'uuid' }) id!: string
  @Column({ type: 'text' }) name!: string
  /** IANA time zone of the desk's wall-clock hours, e.g. America/Los_Angeles. */
  @Column({ type: 'text', name: 'time_zone' }) timeZone!: string
  @Column({ type: 'timestamptz', name: 'updated_at' }) updatedAt!: Date
  /** Goes up with every change to the desk's hours or holidays. */
  @Column({ type: 'integer' }) version!: number
}

/** One weekly opening window of a desk, local wall-clock time; a weekday may have several. */
@Entity('desk_hours')
export class DeskHours {
  @PrimaryGeneratedColumn('uuid') id!: string
  @Column({ type: 'text' }) desk!: DeskCode
  /** ISO weekday: 1 = Monday ... 7 = Sunday. */
  @Column({ type: 'smallint' }) weekday!: number
  /** 'HH:MM:SS' as PostgreSQL returns a time. */
  @Column({ type: 'time' }) opens!: string
  /** 'HH:MM:SS'; '24:00:00' closes at local midnight. */
  @Column({ type: 'time' }) closes!: string
}

/** A local date on which a desk is closed all day. Unique per desk and date. */
@Entity('desk_holidays')
export class DeskHoliday {
  @PrimaryGeneratedColumn('uuid') id!: string
  @Column({ type: 'text' }) desk!: DeskCode
  /** 'YYYY-MM-DD'. */
  @Column({ type: 'date' }) date!: string
  @Column({ type: 'text' }) name!: string
}

import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, VersionColumn } from 'typeorm'
import type { DeskCode, StaffRole } from '../../graphql/enums.js'

@Entity('staff_users')
export class StaffUser {
  @PrimaryGeneratedColumn('uuid') id!: string
  @Column({ type: 'text' }) email!: string
  @Column({ type: 'text' }) name!: string
  @Column({ type: 'text' }) role!: StaffRole
  @Column({ type: 'text', nullable: true }) desk!: DeskCode | null
  @Column({ type: 'text', name: 'password_hash', nullable: true }) passwordHash!: string | null
  @Column({ type: 'boolean', default: true }) active!: boolean
  /** Away: no automatic assignments (premium routing skips them). */
  @Column({ type: 'boolean', default: false }) away!: boolean
  @Column({ type: 'timestamptz', name: 'away_since', nullable: true }) awaySince!: Date | null
  @Column({ type: 'timestamptz', name: 'last_sign_in_at', nullable: true }) lastSignInAt!: Date | null
  @Column({ type: 'timestamptz', name: 'deactivated_at', nullable: true }) deactivatedAt!: Date | null
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt!: Date
  @VersionColumn({ type: 'integer' }) version!: number
}

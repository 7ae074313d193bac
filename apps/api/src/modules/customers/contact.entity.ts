import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, VersionColumn } from 'typeorm'

@Entity('contacts')
export class Contact {
  @PrimaryGeneratedColumn('uuid') id!: string
  @Column({ type: 'uuid', name: 'customer_id' }) customerId!: string
  @Column({ type: 'text' }) email!: string
  @Column({ type: 'text' }) name!: string
  @Column({ type: 'boolean', name: 'is_customer_admin', default: false }) isCustomerAdmin!: boolean
  @Column({ type: 'boolean', name: 'portal_access', default: false }) portalAccess!: boolean
  @Column({ type: 'text', name: 'password_hash', nullable: true }) passwordHash!: string | null
  @Column({ type: 'text', name: 'time_zone', nullable: true }) timeZone!: string | null
  /** When staff or a customer admin last withdrew portal access (null when never, or given again since). */
  @Column({ type: 'timestamptz', name: 'portal_revoked_at', nullable: true }) portalRevokedAt!: Date | null
  @Column({ type: 'timestamptz', name: 'last_sign_in_at', nullable: true }) lastSignInAt!: Date | null
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt!: Date
  @VersionColumn({ type: 'integer' }) version!: number
}
